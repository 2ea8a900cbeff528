import { create } from 'zustand';

interface NoticesState {
  /** Engine notices the user closed in this tab, by text. */
  dismissed: ReadonlySet<string>;
  dismiss: (notice: string) => void;
}

export const useNoticesStore = create<NoticesState>()((set) => ({
  dismissed: new Set(),
  dismiss: (notice) => {
    set((state) => ({ dismissed: new Set(state.dismissed).add(notice) }));
  },
}));
