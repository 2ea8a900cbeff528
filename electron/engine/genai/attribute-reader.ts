import { type AttrValue, type Attributes, attrToPlain } from '../../../shared/domain/attributes';

/** Parses JSON text, or undefined when it is not JSON. */
export function tryParseJson(text: string): unknown {
  const t = text.trimStart();
  const c = t.charCodeAt(0);
  // Only texts that can be JSON documents: { [ " digit - t f n
  if (!(c === 123 || c === 91 || c === 34 || (c >= 48 && c <= 57) || c === 45 || c === 116 || c === 102 || c === 110))
    return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A value that may arrive as JSON text, as a structured AnyValue, or JSON-encoded twice (MLflow):
 * returned as plain data. Text that is not JSON stays text.
 */
export function structured(value: AttrValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (typeof value === 'string') {
    let parsed: unknown = tryParseJson(value);
    if (parsed === undefined) return value;
    // MLflow encodes every attribute as JSON, so a JSON document may itself be JSON text.
    if (typeof parsed === 'string') {
      const again = tryParseJson(parsed);
      if (again !== undefined && typeof again === 'object') parsed = again;
    }
    return parsed;
  }
  return attrToPlain(value);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A finite number from a number, an int64 tag or numeric text. */
export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  if (isRecord(v)) {
    if ('$int' in v) return toNumber(v.$int);
    if ('$double' in v) return toNumber(v.$double);
  }
  return null;
}

const NAMESPACES = [
  'gen_ai.',
  'llm.',
  'langfuse.',
  'langsmith.',
  'traceloop.',
  'mlflow.',
  'gcp.vertex.agent.',
  'embedding.',
  'reranker.',
  'retrieval.',
  'ai.',
] as const;

/** A bit per namespace the readers ask about (0 for any other key). */
function namespaceOf(key: string): number {
  for (let i = 0; i < NAMESPACES.length; i++) if (key.startsWith(NAMESPACES[i]!)) return 1 << i;
  return 0;
}

/** The namespace bit of each prefix the readers ask about (a handful of constants; bounded all the same). */
const PREFIX_FLAGS = new Map<string, number>();
const PREFIX_FLAGS_LIMIT = 256;

/** Typed reads of a span's attributes; every getter returns null when the key is absent or unusable. */
export class AttributeReader {
  constructor(readonly attributes: Attributes) {}

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.attributes, key);
  }

  raw(key: string): AttrValue | undefined {
    return this.has(key) ? this.attributes[key] : undefined;
  }

  /** A non-empty string (MLflow's JSON-encoded strings are decoded). */
  str(key: string): string | null {
    const v = this.raw(key);
    if (typeof v === 'string') {
      if (v === '') return null;
      if (v.length > 1 && v.charCodeAt(0) === 34 && v.charCodeAt(v.length - 1) === 34) {
        const inner = tryParseJson(v);
        if (typeof inner === 'string') return inner === '' ? null : inner;
      }
      return v;
    }
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return null;
  }

  num(key: string): number | null {
    const v = this.raw(key);
    return v === undefined ? null : toNumber(v);
  }

  /** The first key (in order) that has a string. */
  firstStr(...keys: string[]): string | null {
    for (const k of keys) {
      const v = this.str(k);
      if (v !== null) return v;
    }
    return null;
  }

  firstNum(...keys: string[]): number | null {
    for (const k of keys) {
      const v = this.num(k);
      if (v !== null) return v;
    }
    return null;
  }

  /** JSON text or a structured value, as plain data (undefined when absent). */
  json(key: string): unknown {
    return structured(this.raw(key));
  }

  /** A JSON object attribute (text or key/value list), or null. */
  object(key: string): Record<string, unknown> | null {
    const v = this.json(key);
    return isRecord(v) ? v : null;
  }

  private namespaces = -1;

  /**
   * Whether any key starts with `prefix`. Which namespaces the keys use (`gen_ai.`, `llm.`,
   * `langfuse.`…) is found in one pass without allocating, so asking about a convention the span
   * does not use (the common case: each reader asks) costs a bit test instead of a scan.
   */
  hasPrefix(prefix: string): boolean {
    let flag = PREFIX_FLAGS.get(prefix);
    if (flag === undefined) {
      flag = namespaceOf(prefix);
      if (PREFIX_FLAGS.size < PREFIX_FLAGS_LIMIT) PREFIX_FLAGS.set(prefix, flag);
    }
    if (flag !== 0) {
      if (this.namespaces === -1) {
        let mask = 0;
        for (const k in this.attributes) mask |= namespaceOf(k);
        this.namespaces = mask;
      }
      if ((this.namespaces & flag) === 0) return false;
    }
    for (const k in this.attributes) if (k.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Flattened keys under `prefix` (`llm.input_messages.0.message.role`…) as one tree: numeric
   * segments become array positions (sorted numerically), the rest object keys.
   */
  unflatten(prefix: string): unknown {
    return this.unflattenWhere(prefix, (first) => first !== '');
  }

  /** Like unflatten, for keys whose first segment is an index (`gen_ai.prompt.0.role`): always an array. */
  unflattenList(prefix: string): unknown[] {
    const tree = this.unflattenWhere(prefix, (first) => /^\d+$/.test(first));
    return Array.isArray(tree) ? tree : [];
  }

  private unflattenWhere(prefix: string, keep: (firstSegment: string) => boolean): unknown {
    let root: unknown;
    for (const key in this.attributes) {
      if (!key.startsWith(prefix)) continue;
      const path = key.slice(prefix.length).split('.');
      if (!keep(path[0]!)) continue;
      root = insertPath(root, path, attrToPlain(this.attributes[key]!));
    }
    return compactArrays(root);
  }
}

function insertPath(node: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const index = /^\d+$/.test(head) ? Number(head) : null;
  if (index !== null) {
    const arr: unknown[] = Array.isArray(node) ? node : [];
    arr[index] = insertPath(arr[index], rest, value);
    return arr;
  }
  const obj: Record<string, unknown> = isRecord(node) ? node : (Object.create(null) as Record<string, unknown>);
  obj[head] = insertPath(obj[head], rest, value);
  return obj;
}

/** Sparse arrays (indices with gaps) become dense, in index order; objects become plain objects. */
function compactArrays(node: unknown): unknown {
  if (Array.isArray(node)) return node.filter((v) => v !== undefined).map(compactArrays);
  if (isRecord(node)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node))
      Object.defineProperty(out, k, { value: compactArrays(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return node;
}
