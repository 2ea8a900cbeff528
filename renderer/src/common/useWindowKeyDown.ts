import { useEffect, useRef } from 'react';

/**
 * Listens to key presses on the whole window with the latest `onKeyDown` of the component: the
 * listener is added once, so a handler that closes over fresh props costs no re-subscription.
 */
export function useWindowKeyDown(onKeyDown: (event: KeyboardEvent) => void): void {
  const latest = useRef(onKeyDown);
  useEffect(() => {
    latest.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      latest.current(event);
    };
    window.addEventListener('keydown', listener);
    return () => {
      window.removeEventListener('keydown', listener);
    };
  }, []);
}
