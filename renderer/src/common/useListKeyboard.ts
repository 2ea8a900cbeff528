import { isShortcutEvent } from './keyboard';
import { useWindowKeyDown } from './useWindowKeyDown';

interface ListKeyboardOptions {
  enabled: boolean;
  /** The rows' keys, in display order. */
  keys: readonly string[];
  selected: string | null;
  onSelect: (key: string, index: number) => void;
  onOpen: (key: string) => void;
}

/** j/k (or ↓/↑) move the selection through a list; Enter opens the selected row. */
export function useListKeyboard({ enabled, keys, selected, onSelect, onOpen }: ListKeyboardOptions): void {
  useWindowKeyDown((event) => {
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
  });
}
