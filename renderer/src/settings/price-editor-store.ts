import { create } from 'zustand';
import type { PriceFormValues } from './price-form';

/** Why the price form is open: a new price, a user price edited, a built-in overridden. */
export type PriceEditMode = 'new' | 'edit' | 'override';

export interface PriceEditing {
  /** Bumped on every open: the form remounts with fresh fields. */
  key: number;
  mode: PriceEditMode;
  values: PriceFormValues;
  /** The run the form was opened from ("Add a price for…"), to go back to after saving. */
  returnToTraceId: string | null;
}

interface PriceEditorState {
  editing: PriceEditing | null;
  open: (mode: PriceEditMode, values: PriceFormValues, returnToTraceId?: string | null) => void;
  close: () => void;
}

let nextKey = 1;

/** The open price form; a store (not component state) so another page can open it before navigating here. */
export const usePriceEditorStore = create<PriceEditorState>()((set) => ({
  editing: null,
  open: (mode, values, returnToTraceId = null) => {
    set({ editing: { key: nextKey++, mode, values, returnToTraceId } });
  },
  close: () => {
    set({ editing: null });
  },
}));
