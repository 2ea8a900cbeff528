import type { DecodedLink, DecodedLogRecord, DecodedSpan } from './model';

const INT64_MAX = 9223372036854775807n;
const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

function describeId(id: string): string {
  return id.startsWith('invalid:') ? JSON.stringify(id.slice(8)) : `${id.length / 2} bytes`;
}

/** Why a span cannot be stored, or null when it is valid. Pure: it changes nothing. */
export function spanRejection(s: DecodedSpan): string | null {
  if (!TRACE_ID.test(s.traceId)) return `traceId must be 16 bytes (got ${describeId(s.traceId)})`;
  if (s.traceId === ZERO_TRACE) return 'traceId is all zeroes';
  if (!SPAN_ID.test(s.spanId)) return `spanId must be 8 bytes (got ${describeId(s.spanId)})`;
  if (s.spanId === ZERO_SPAN) return 'spanId is all zeroes';
  if (s.parentSpanId !== '' && s.parentSpanId !== ZERO_SPAN && !SPAN_ID.test(s.parentSpanId)) {
    return `parentSpanId must be empty or 8 bytes (got ${describeId(s.parentSpanId)})`;
  }
  if (s.startNs > INT64_MAX || s.endNs > INT64_MAX) {
    return 'timestamp beyond the year 2262 (exceeds int64 nanoseconds)';
  }
  if (s.endNs < s.startNs) return 'endTimeUnixNano is before startTimeUnixNano';
  for (const e of s.events) {
    if (e.timeNs > INT64_MAX) return 'event timestamp exceeds int64 nanoseconds';
  }
  return null;
}

/** Why a span's link points nowhere (its span is still stored, without it), or null when it is valid. */
export function linkRejection(l: DecodedLink): string | null {
  if (!TRACE_ID.test(l.traceId) || l.traceId === ZERO_TRACE) {
    return `link traceId must be 16 bytes, not all zeroes (got ${describeId(l.traceId)})`;
  }
  if (!SPAN_ID.test(l.spanId) || l.spanId === ZERO_SPAN) {
    return `link spanId must be 8 bytes, not all zeroes (got ${describeId(l.spanId)})`;
  }
  return null;
}

/** Why a log record cannot be stored, or null. Logs need no trace context, but a given one must be valid. */
export function logRejection(l: DecodedLogRecord): string | null {
  if (l.traceId !== '' && !TRACE_ID.test(l.traceId)) {
    return `traceId must be empty or 16 bytes (got ${describeId(l.traceId)})`;
  }
  if (l.spanId !== '' && !SPAN_ID.test(l.spanId)) {
    return `spanId must be empty or 8 bytes (got ${describeId(l.spanId)})`;
  }
  if (l.timeNs > INT64_MAX || l.observedTimeNs > INT64_MAX) {
    return 'timestamp exceeds int64 nanoseconds';
  }
  return null;
}

export function partialSuccessMessage(rejected: number, what: string, reasons: string[], warnings: string[]): string {
  const parts: string[] = [];
  if (rejected > 0) parts.push(`${rejected} ${what} rejected: ${reasons.join('; ')}`);
  if (warnings.length > 0) parts.push(`warnings: ${warnings.join('; ')}`);
  return parts.join('. ');
}

/** Some SDKs send an all-zero parent id for roots: that means "no parent". */
export function normalizeParent(s: DecodedSpan): DecodedSpan {
  if (s.parentSpanId === ZERO_SPAN) s.parentSpanId = '';
  return s;
}
