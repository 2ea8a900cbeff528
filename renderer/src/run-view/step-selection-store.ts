import { create } from 'zustand';

interface StepSelectionState {
  /** The run the selection belongs to. Kept across remounts, so coming back to a run reopens its step. */
  traceId: string | null;
  /** The step whose details are open, by span id. */
  spanId: string | null;
  select: (traceId: string, spanId: string | null) => void;
}

export const useStepSelectionStore = create<StepSelectionState>()((set) => ({
  traceId: null,
  spanId: null,
  select: (traceId, spanId) => {
    set({ traceId, spanId });
  },
}));
