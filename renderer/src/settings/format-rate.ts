/** A USD-per-million-tokens rate: "2.50", "0.075", "0", "1,000.00" (no currency sign). */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}
