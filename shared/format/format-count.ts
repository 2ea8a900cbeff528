/** Integer counts with thousands separators: 12,345. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return (Math.round(n) || 0).toLocaleString('en-US');
}
