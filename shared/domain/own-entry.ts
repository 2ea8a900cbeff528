/**
 * `table[key]` for a key that comes from outside (span text, an imported file): own entries only.
 * A plain object's lookup also finds Object.prototype's members, so a provider, operation or event
 * named `constructor` or `__proto__` would come back as a function or an object.
 */
export function ownEntry<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
