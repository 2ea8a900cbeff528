import { useEffect, useRef } from 'react';
import { isShortcutEvent } from './keyboard';

interface ListKeyboardOptions {
  enabled: boolean;
  /** The rows' keys, in display order. */
  keys: readonly string[];
  selected: string | null;
  onSelect: (key: string, index: number) => void;
  onOpen: (key: string) => void;
}

/** j/k (or ↓/↑) move the selection through a list; Enter opens the selected row. */
export function useListKeyboard(options: ListKeyboardOptions): void {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { enabled, keys, selected, onSelect, onOpen } = latest.current;
      if (!enabled || keys.length === 0 || !isShortcutEvent(event)) return;
      const index = selected === null ? -1 : keys.indexOf(selected);
      let next: number;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          next = index === -1 ? 0 : Math.min(keys.length - 1, index + 1);
          break;
        case 'k':
        case 'ArrowUp':
          next = index === -1 ? 0 : Math.max(0, index - 1);
          break;
        case 'Enter': {
          const key = keys[index];
          if (key === undefined) return;
          event.preventDefault();
          onOpen(key);
          return;
        }
        default:
          return;
      }
      const key = keys[next];
      if (key === undefined) return;
      event.preventDefault();
      onSelect(key, next);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
