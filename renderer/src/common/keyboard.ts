/**
 * Whether a window-level shortcut should handle this key press: no modifier held (Shift aside),
 * not already handled, not typed into a text field, and not a focused button's own Enter.
 */
export function isShortcutEvent(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return true;
  if (target.isContentEditable) return false;
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return false;
  // Enter and Space belong to the focused button or link.
  const activates = event.key === 'Enter' || event.key === ' ';
  return !(activates && target.closest('button, a[href], [role="button"]') !== null);
}
