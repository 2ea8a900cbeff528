/** Nanoseconds since the epoch, as a decimal string (exact; may exceed 2^53). */
export type NanosString = string & { readonly __unit?: 'ns' };

/** Millisecond epoch from exact nanoseconds (lossy by design: for display only). */
export function nanosToEpochMs(ns: NanosString): number {
  return Number(BigInt(ns) / 1_000_000n);
}

/** Duration in milliseconds between two exact nanosecond timestamps. */
export function nanosDiffMs(startNs: NanosString, endNs: NanosString): number {
  return Number(BigInt(endNs) - BigInt(startNs)) / 1e6;
}

/** "14:03:07.123" for today, "Nov 3 14:03" otherwise. */
export function formatClock(epochMs: number, now: number = Date.now()): string {
  const d = new Date(epochMs);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  const ss = String(d.getSeconds()).padStart(2, '0');
  if (sameDay) return `${hh}:${mm}:${ss}.${String(d.getMilliseconds()).padStart(3, '0')}`;
  const month = d.toLocaleString('en-US', { month: 'short' });
  return `${month} ${d.getDate()} ${hh}:${mm}`;
}
