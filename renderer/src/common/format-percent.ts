/** A ratio as a percentage, with the precision small rates need: 0%, 0.05%, 2.5%, 12%, 100%; "—" for none. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  const pct = ratio * 100;
  if (pct === 0) return '0%';
  const digits = pct < 1 ? 2 : pct < 10 ? 1 : 0;
  let text = pct.toFixed(digits);
  if (text.includes('.')) text = text.replace(/\.?0+$/, '');
  // Never round a non-zero rate down to 0 or a partial one up to 100.
  if (Number(text) === 0) return '< 0.01%';
  if (Number(text) === 100 && pct < 100) return '> 99%';
  return `${text}%`;
}
