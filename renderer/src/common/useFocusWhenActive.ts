import { type RefObject, useEffect } from 'react';

/**
 * Moves the keyboard focus into a page when it comes on screen, so its shortcuts (j/k, Enter) work
 * at once rather than acting on the header link that was just clicked.
 */
export function useFocusWhenActive(ref: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    if (active) ref.current?.focus({ preventScroll: true });
  }, [ref, active]);
}
