/**
 * Dollars with sensible precision: cents for amounts from $1, four significant digits below that
 * (agent steps often cost fractions of a cent), and "—" for unknown (never shown as $0).
 */
export function formatUsd(usd: number | null, opts: { complete?: boolean } = {}): string {
  if (usd === null || !Number.isFinite(usd)) return '—';
  const prefix = opts.complete === false ? '≥ ' : '';
  if (usd === 0) return `${prefix}$0`;
  const abs = Math.abs(usd);
  let text: string;
  if (abs >= 1000) text = `$${usd.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  else if (abs >= 1) text = `$${usd.toFixed(2)}`;
  else if (abs >= 0.0001) text = `$${usd.toPrecision(2)}`;
  else text = `<$0.0001`;
  return prefix + text;
}
