import { useEffect, useRef } from 'react';
import type { RunSummary } from '../../../shared/domain/run';
import { isShortcutEvent } from '../common/keyboard';

interface RunsKeyboardOptions {
  enabled: boolean;
  runs: readonly RunSummary[];
  selectedTraceId: string | null;
  onSelect: (traceId: string, index: number) => void;
  onOpen: (traceId: string) => void;
}

/** j/k (or ↓/↑) move the selection through the runs list; Enter opens the selected run. */
export function useRunsKeyboard(options: RunsKeyboardOptions): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { enabled, runs, selectedTraceId, onSelect, onOpen } = latest.current;
      if (!enabled || runs.length === 0 || !isShortcutEvent(event)) return;
      const selectedIndex = runs.findIndex((run) => run.traceId === selectedTraceId);

      let nextIndex: number | null = null;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          nextIndex = selectedIndex === -1 ? 0 : Math.min(runs.length - 1, selectedIndex + 1);
          break;
        case 'k':
        case 'ArrowUp':
          nextIndex = selectedIndex === -1 ? 0 : Math.max(0, selectedIndex - 1);
          break;
        case 'Enter': {
          const selected = runs[selectedIndex];
          if (selected === undefined) return;
          event.preventDefault();
          onOpen(selected.traceId);
          return;
        }
        default:
          return;
      }
      const next = runs[nextIndex];
      if (next === undefined) return;
      event.preventDefault();
      onSelect(next.traceId, nextIndex);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
