/**
 * Removes shimmer wraps (what `InstrumentationBase._wrap` installs) from the named methods. The
 * OpenLLMetry instrumentations have `manuallyInstrument` but no matching way to undo it, and
 * `disable()` only undoes patches made through the require hook.
 */
export function unwrapMethods(target: object | undefined, names: string[]): void {
  if (!target) return;
  for (const name of names) {
    const method = (target as Record<string, unknown>)[name];
    if (typeof method === 'function' && '__unwrap' in method && typeof method.__unwrap === 'function') {
      (method.__unwrap as () => void)();
    }
  }
}
