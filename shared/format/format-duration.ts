/** Human durations: 850 µs, 12.3 ms, 4.56 s, 3 m 05 s, 2 h 07 m. Units are chosen after rounding. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const us = Math.round(ms * 1000);
  if (us < 1000) return `${us} µs`;
  if (ms < 100) {
    const fixed = ms.toFixed(1);
    if (Number(fixed) < 100) return `${trim(fixed)} ms`;
  }
  const wholeMs = Math.round(ms);
  if (wholeMs < 1000) return `${wholeMs} ms`;
  const s = ms / 1000;
  if (s < 60) {
    const fixed = s.toFixed(s < 10 ? 2 : 1);
    if (Number(fixed) < 60) return `${trim(fixed)} s`;
  }
  const totalSeconds = Math.round(s);
  const m = Math.floor(totalSeconds / 60);
  if (m < 60) return `${m} m ${String(totalSeconds - m * 60).padStart(2, '0')} s`;
  // From an hour on the seconds are dropped, not rounded (an hour that rounded up reads 1 h 00 m).
  const totalMinutes = Math.max(60, Math.floor(ms / 60_000));
  const h = Math.floor(totalMinutes / 60);
  return `${h} h ${String(totalMinutes - h * 60).padStart(2, '0')} m`;
}

function trim(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
