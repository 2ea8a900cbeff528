/**
 * Lossless JSON form of OTLP attribute values.
 *
 * Plain JSON is used where it is unambiguous (strings, booleans, safe integers, non-integral doubles,
 * arrays). The few cases JSON cannot tell apart carry a one-key tag object:
 * - `{ $int: "9007199254740993" }`  an int64 outside the safe integer range
 * - `{ $double: 1 }` / `{ $double: "NaN" }`  a double with an integral or non-finite value
 * - `{ $bytes: "base64" }`  a bytes value
 * - `{ $kv: {...} }`  a key/value list
 * `null` is an empty AnyValue.
 */
export type AttrValue =
  | string
  | boolean
  | number
  | null
  | AttrValue[]
  | { $int: string }
  | { $double: number | string }
  | { $bytes: string }
  | { $kv: Attributes };

export type Attributes = Record<string, AttrValue>;

/** A readable, lossy view of an attribute value, for display and quick matching. */
export function attrToPlain(value: AttrValue): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(attrToPlain);
  if ('$int' in value) return value.$int;
  if ('$double' in value) return value.$double;
  if ('$bytes' in value) return value.$bytes;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value.$kv)) out[k] = attrToPlain(v);
  return out;
}
