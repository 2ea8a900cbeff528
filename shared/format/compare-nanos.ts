import type { NanosString } from './time';

/**
 * Orders two exact nanosecond timestamps (non-negative decimal strings, which may exceed 2^53)
 * without converting them to numbers. Returns a negative number, zero or a positive number, like
 * any `Array.prototype.sort` comparator.
 */
export function compareNanos(a: NanosString, b: NanosString): number {
  const x = stripLeadingZeros(a);
  const y = stripLeadingZeros(b);
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

function stripLeadingZeros(s: string): string {
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 48 /* '0' */) i++;
  return i === 0 ? s : s.slice(i);
}
