import { isShortcutEvent } from '../common/keyboard';
import { useWindowKeyDown } from '../common/useWindowKeyDown';

export interface TimelineKeys {
  focusSearch: () => void;
  /** n / N: next or previous search match. */
  nextMatch: (direction: 1 | -1) => void;
  /** e / E: next or previous failed step. */
  nextError: (direction: 1 | -1) => void;
  /** ← / →: collapse or expand the selected step. */
  setSelectedExpanded: (expanded: boolean) => void;
}

/**
 * The timeline's keys: `/` or Ctrl/⌘+F search within the run (the runs list's `/` is inactive under
 * a run), n/N between matches, e/E between errors, ←/→ collapse and expand. j/k stay with the tree.
 */
export function useTimelineKeyboard(keys: TimelineKeys): void {
  useWindowKeyDown((event) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
      event.preventDefault();
      keys.focusSearch();
      return;
    }
    if (!isShortcutEvent(event)) return;
    const action = ACTIONS[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action(keys);
  });
}

const ACTIONS: Record<string, ((k: TimelineKeys) => void) | undefined> = {
  '/': (k) => {
    k.focusSearch();
  },
  n: (k) => {
    k.nextMatch(1);
  },
  N: (k) => {
    k.nextMatch(-1);
  },
  e: (k) => {
    k.nextError(1);
  },
  E: (k) => {
    k.nextError(-1);
  },
  ArrowLeft: (k) => {
    k.setSelectedExpanded(false);
  },
  ArrowRight: (k) => {
    k.setSelectedExpanded(true);
  },
};
