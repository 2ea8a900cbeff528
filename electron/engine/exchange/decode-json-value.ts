import { JsonDecodeError, decodeLogsJson, decodeTracesJson } from '../otlp/decode-json';
import { parseJsonKeepingBigInts } from '../otlp/json-big-integers';
import type { DecodedLogs, DecodedTraces } from '../otlp/model';
import { JaegerJsonError, decodeJaegerTrace, isJaegerJson, jaegerTraces } from './jaeger-json';

/** What one JSON value of an import file holds. */
export interface DecodedContent {
  traces?: DecodedTraces;
  logs?: DecodedLogs;
  /** OTLP metrics: recognized, not stored. */
  metrics?: boolean;
  /** A part that could not be read (one trace of a Jaeger file); the other parts still are. */
  problem?: string;
}

/** A record that cannot be read; the rest of the file still is. */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

const SPANS_KEYS = ['resourceSpans', 'resource_spans'];
const LOGS_KEYS = ['resourceLogs', 'resource_logs'];
const METRICS_KEYS = ['resourceMetrics', 'resource_metrics'];

/**
 * Decodes one JSON value (a JSON Lines line or a whole document): an OTLP JSON
 * ExportTraceServiceRequest and/or ExportLogsServiceRequest (an object may carry both
 * `resourceSpans` and `resourceLogs`, as `loupe export --format otlp-json` writes), OTLP metrics
 * (recognized and skipped) or Jaeger JSON. Yields one DecodedContent per Jaeger trace, so a large
 * Jaeger file is written in pieces. Throws RecordError.
 */
export function* decodeJsonValue(text: string): Generator<DecodedContent> {
  try {
    const first = firstKey(text);
    // The common case (the Collector and the SDKs write resourceSpans / resourceLogs first) is
    // decided without parsing twice.
    if (first !== null && (SPANS_KEYS.includes(first) || LOGS_KEYS.includes(first) || METRICS_KEYS.includes(first))) {
      const keys = mayHaveOtherSignal(text, first) ? topLevelKeys(text) : new Set([first]);
      yield decodeOtlp(text, keys);
      return;
    }
    let root: unknown;
    try {
      root = parseJsonKeepingBigInts(text);
    } catch (err) {
      throw new RecordError(`invalid JSON: ${(err as Error).message}`);
    }
    if (root !== null && typeof root === 'object' && !Array.isArray(root)) {
      const keys = new Set(Object.keys(root));
      if ([...SPANS_KEYS, ...LOGS_KEYS, ...METRICS_KEYS].some((k) => keys.has(k))) {
        yield decodeOtlp(text, keys);
        return;
      }
      // `{}` is an empty OTLP request.
      if (keys.size === 0) return;
    }
    if (isJaegerJson(root)) {
      for (const [i, trace] of jaegerTraces(root).entries()) {
        let traces: DecodedTraces;
        try {
          traces = decodeJaegerTrace(trace);
        } catch (err) {
          if (!(err instanceof JaegerJsonError || err instanceof RangeError)) throw err;
          const id = (trace as { traceID?: unknown } | null)?.traceID;
          yield { problem: `Jaeger trace ${i + 1}${typeof id === 'string' ? ` (${id})` : ''}: ${err.message}` };
          continue;
        }
        yield { traces };
      }
      return;
    }
    throw new RecordError(`not OTLP JSON or Jaeger JSON (${describeValue(root)})`);
  } catch (err) {
    if (err instanceof RecordError) throw err;
    if (err instanceof JsonDecodeError || err instanceof JaegerJsonError) throw new RecordError(err.message);
    // A value the decoders did not expect (e.g. an id BigInt cannot parse): still one bad record.
    if (err instanceof RangeError || err instanceof TypeError || err instanceof SyntaxError)
      throw new RecordError(err.message);
    throw err;
  }
}

function decodeOtlp(text: string, keys: Set<string>): DecodedContent {
  const out: DecodedContent = {};
  if (SPANS_KEYS.some((k) => keys.has(k))) out.traces = decodeTracesJson(text);
  if (LOGS_KEYS.some((k) => keys.has(k))) out.logs = decodeLogsJson(text);
  if (METRICS_KEYS.some((k) => keys.has(k))) out.metrics = true;
  return out;
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null || typeof v !== 'object') return `a ${v === null ? 'null' : typeof v}`;
  const keys = Object.keys(v).slice(0, 5);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}

/** The first key of a top-level object, read from the text (null if it does not start like one). */
export function firstKey(text: string): string | null {
  const m = /^\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:/.exec(text.length > 4096 ? text.slice(0, 4096) : text);
  return m ? m[1]! : null;
}

/**
 * 'traces' or 'logs' when a JSON record is a plain OTLP request of that signal (its first key says
 * so and no other signal's key appears anywhere in it), else null. Reads only bytes, decodes nothing.
 */
export function jsonSignal(bytes: Buffer): 'traces' | 'logs' | null {
  const first = firstKey(bytes.toString('utf8', 0, Math.min(bytes.length, 1024)));
  const signal =
    first === null ? null : SPANS_KEYS.includes(first) ? 'traces' : LOGS_KEYS.includes(first) ? 'logs' : null;
  if (signal === null) return null;
  const others = signal === 'traces' ? [...LOGS_KEYS, ...METRICS_KEYS] : [...SPANS_KEYS, ...METRICS_KEYS];
  // One pass over the few `"resource` occurrences rather than one search per key.
  for (let at = bytes.indexOf(RESOURCE_QUOTE); at !== -1; at = bytes.indexOf(RESOURCE_QUOTE, at + 1)) {
    const tail = bytes.toString('latin1', at + 1, Math.min(bytes.length, at + 18));
    if (others.some((k) => tail.startsWith(`${k}"`))) return null;
  }
  return signal;
}

const RESOURCE_QUOTE = Buffer.from('"resource');

function mayHaveOtherSignal(text: string, first: string): boolean {
  const others = [...SPANS_KEYS, ...LOGS_KEYS, ...METRICS_KEYS].filter((k) => k !== first);
  return others.some((k) => text.includes(`"${k}"`));
}

/**
 * The keys of a top-level JSON object, found by walking its structure without building it (only
 * needed when a document may carry more than one signal).
 */
export function topLevelKeys(text: string): Set<string> {
  const keys = new Set<string>();
  let depth = 0;
  let i = 0;
  const n = text.length;
  let expectKey = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const start = i + 1;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else if (d === 34) break;
        else i++;
      }
      if (depth === 1 && expectKey) {
        keys.add(JSON.parse(text.slice(start - 1, i + 1)) as string);
        expectKey = false;
      }
      i++;
      continue;
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth === 1 && c === 123) expectKey = true;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44 /* , */ && depth === 1) expectKey = true;
    i++;
  }
  return keys;
}
