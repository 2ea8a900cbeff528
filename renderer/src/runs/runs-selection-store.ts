import { create } from 'zustand';

interface RunsSelectionState {
  /** The highlighted run in the list; kept by id so refetches do not move it. */
  selectedTraceId: string | null;
  select: (traceId: string | null) => void;
}

export const useRunsSelectionStore = create<RunsSelectionState>()((set) => ({
  selectedTraceId: null,
  select: (traceId) => {
    set({ selectedTraceId: traceId });
  },
}));
