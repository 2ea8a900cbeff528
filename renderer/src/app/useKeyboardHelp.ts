import { useEffect, useState } from 'react';
import { isShortcutEvent } from '../common/keyboard';

/** Whether the keyboard help is open; `?` (outside text fields) opens it. */
export function useKeyboardHelp(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isShortcutEvent(event)) return;
      event.preventDefault();
      setOpen((current) => !current);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return [open, setOpen];
}
