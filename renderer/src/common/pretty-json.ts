/**
 * A value as readable text: JSON indented by two spaces; a string that holds JSON (tool arguments
 * often arrive as JSON text) parsed and indented too; any other string as it is.
 */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (/^[[{]/.test(trimmed)) {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch {
        return value;
      }
    }
    return value;
  }
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) as
      | string
      | undefined;
    // Functions and symbols have no JSON form (the API never sends them, but stay total).
    return text ?? `[${typeof value}]`;
  } catch {
    return '[a value with no JSON form]';
  }
}

/** Nothing worth showing: undefined, null, '', an empty array or object. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}
