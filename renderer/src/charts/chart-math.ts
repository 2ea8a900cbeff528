/**
 * The arithmetic behind the insights charts (plain SVG, no chart library): scales, "nice" axis
 * ticks, which time buckets get a label, and histogram bins. All pure, all unit-tested.
 */

/** Maps [d0, d1] onto [r0, r1] linearly; a degenerate domain maps everything to r0. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0 || !Number.isFinite(span)) return () => r0;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/** Maps [d0, d1] (both > 0) onto [r0, r1] on a log10 axis; values at or below 0 go to r0. */
export function logScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): (value: number) => number {
  const [d0, d1] = domain;
  if (!(d0 > 0) || !(d1 > 0)) return () => range[0];
  const inner = linearScale([Math.log10(d0), Math.log10(d1)], range);
  return (value) => (value > 0 ? inner(Math.log10(value)) : range[0]);
}

/** Rounds away binary noise: 0.1 + 0.2 → 0.3. */
export function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The "nice" step (1, 2 or 5 × 10ⁿ) that cuts `span` into at most `maxSteps` pieces. */
export function niceStep(span: number, maxSteps: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, maxSteps);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return clean(nice * power);
}

export interface Axis {
  /** The top of the axis: the first tick at or above the largest value. */
  max: number;
  /** Tick values from 0 to max, evenly spaced. */
  ticks: number[];
}

/**
 * Ticks for an axis from 0 up to at least `maxValue`, at most `maxTicks` intervals. `integer`
 * keeps steps whole (counts). An axis with nothing to show still gets 0 and one unit.
 */
export function zeroBasedAxis(maxValue: number, maxTicks = 4, options: { integer?: boolean } = {}): Axis {
  const top = Number.isFinite(maxValue) && maxValue > 0 ? maxValue : 0;
  if (top === 0) return { max: 1, ticks: [0, 1] };
  let step = niceStep(top, maxTicks);
  if (options.integer) step = Math.max(1, Math.round(step));
  const n = Math.max(1, Math.ceil(clean(top / step)));
  const ticks = Array.from({ length: n + 1 }, (_, i) => clean(i * step));
  return { max: ticks[ticks.length - 1]!, ticks };
}

/** Which of `count` evenly spaced slots get a label, at most `maxLabels`, always starting at the first. */
export function labelIndices(count: number, maxLabels: number): number[] {
  if (count <= 0 || maxLabels <= 0) return [];
  const every = Math.max(1, Math.ceil(count / maxLabels));
  const out: number[] = [];
  for (let i = 0; i < count; i += every) out.push(i);
  return out;
}

const DAY_MS = 86_400_000;

/**
 * A time-axis label for a bucket start: the date for day-sized buckets, the time for shorter ones,
 * and both when the chart spans more than one day.
 */
export function formatTimeTick(ms: number, bucketMs: number, spansDays: boolean): string {
  const d = new Date(ms);
  const date = `${d.toLocaleString('en-US', { month: 'short' })} ${String(d.getDate())}`;
  if (bucketMs >= DAY_MS) return date;
  const time = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return spansDays ? `${date} ${time}` : time;
}

const UNITS: readonly [ms: number, one: string, many: string][] = [
  [7 * DAY_MS, 'week', 'weeks'],
  [DAY_MS, 'day', 'days'],
  [3_600_000, 'hour', 'hours'],
  [60_000, 'minute', 'min'],
  [1000, 'second', 's'],
];

/** A bucket size in words, for "per …": minute, 5 min, hour, 6 hours, day, week. */
export function formatBucketSize(ms: number): string {
  for (const [unit, one, many] of UNITS) {
    if (ms >= unit && ms % unit === 0) {
      const n = ms / unit;
      return n === 1 ? one : `${String(n)} ${many}`;
    }
  }
  return `${String(ms)} ms`;
}

/** Whether times from `firstMs` to `lastMs` fall on more than one calendar day (local time). */
export function spansDays(firstMs: number, lastMs: number): boolean {
  return new Date(firstMs).toDateString() !== new Date(lastMs).toDateString();
}

export interface HistogramBin {
  /** Lower edge (inclusive) and upper edge (exclusive, except for the last bin). */
  x0: number;
  x1: number;
  count: number;
}

export interface Histogram {
  /** `log` when the values span two orders of magnitude or more: edges then go 1, 2, 5, 10… */
  scale: 'linear' | 'log';
  bins: HistogramBin[];
  /** Values of exactly 0 (a log axis cannot place them; they are counted here, not in a bin). */
  zeros: number;
}

/** Values spread wider than this ratio are binned on a log axis. */
const LOG_RATIO = 100;

/**
 * Bins non-negative values for a histogram. Non-finite and negative values are left out. Every kept
 * value lands in exactly one bin (or in `zeros`, on a log scale).
 */
export function histogram(values: readonly number[], maxBins = 20): Histogram {
  const kept = values.filter((v) => Number.isFinite(v) && v >= 0);
  if (kept.length === 0) return { scale: 'linear', bins: [], zeros: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  let minPositive = Infinity;
  for (const v of kept) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v > 0 && v < minPositive) minPositive = v;
  }
  if (minPositive !== Infinity && hi / minPositive >= LOG_RATIO) return logHistogram(kept, minPositive, hi, maxBins);
  if (lo === hi) return { scale: 'linear', bins: [{ x0: lo, x1: hi, count: kept.length }], zeros: 0 };

  const step = niceStep(hi - lo, maxBins);
  const start = clean(Math.floor(lo / step) * step);
  const n = Math.max(1, Math.floor(clean((hi - start) / step)) + 1);
  const bins: HistogramBin[] = Array.from({ length: n }, (_, i) => ({
    x0: clean(start + i * step),
    x1: clean(start + (i + 1) * step),
    count: 0,
  }));
  for (const v of kept) {
    const i = Math.min(n - 1, Math.max(0, Math.floor(clean((v - start) / step))));
    bins[i]!.count++;
  }
  return { scale: 'linear', bins, zeros: 0 };
}

function logHistogram(values: readonly number[], minPositive: number, hi: number, maxBins: number): Histogram {
  // Edges at 1, 2 and 5 per decade; whole decades when that would make too many bins.
  const fromExp = Math.floor(Math.log10(minPositive));
  const toExp = Math.ceil(Math.log10(hi)) + 1;
  const candidates = (mantissas: readonly number[]) => {
    const edges: number[] = [];
    for (let e = fromExp; e <= toExp; e++) for (const m of mantissas) edges.push(clean(m * 10 ** e));
    const first = edges.findLastIndex((edge) => edge <= minPositive);
    const last = edges.findIndex((edge) => edge > hi);
    return edges.slice(Math.max(0, first), last + 1);
  };
  let edges = candidates([1, 2, 5]);
  if (edges.length - 1 > maxBins) edges = candidates([1]);
  const bins: HistogramBin[] = edges.slice(0, -1).map((x0, i) => ({ x0, x1: edges[i + 1]!, count: 0 }));
  let zeros = 0;
  for (const v of values) {
    if (v === 0) {
      zeros++;
      continue;
    }
    let i = bins.findIndex((b) => v < b.x1);
    if (i === -1) i = bins.length - 1;
    bins[i]!.count++;
  }
  return { scale: 'log', bins, zeros };
}

export interface PlacedMarker {
  label: string;
  x: number;
  /** The values behind a merged marker, for its tooltip. */
  members: { label: string; value: number }[];
}

/**
 * Markers (p50, p95, p99…) at their x positions, merged when closer than `minGap` pixels so their
 * labels do not overprint: p95 and p99 at the same place read "p95/p99".
 */
export function placeMarkers(
  markers: readonly { label: string; value: number; x: number }[],
  minGap: number,
): PlacedMarker[] {
  const sorted = [...markers].sort((a, b) => a.x - b.x);
  const placed: PlacedMarker[] = [];
  for (const m of sorted) {
    const last = placed[placed.length - 1];
    if (last !== undefined && m.x - last.x < minGap) {
      last.label += `/${m.label}`;
      last.members.push({ label: m.label, value: m.value });
    } else {
      placed.push({ label: m.label, x: m.x, members: [{ label: m.label, value: m.value }] });
    }
  }
  return placed;
}

/** Counts as axis labels: 950, 1.2k, 12k, 3.4M. */
export function formatCompactCount(value: number): string {
  const abs = Math.abs(value);
  if (abs < 1000) return String(clean(Math.round(value * 100) / 100));
  if (abs < 1_000_000) return `${trimZeros((value / 1000).toFixed(abs < 10_000 ? 1 : 0))}k`;
  if (abs < 1_000_000_000) return `${trimZeros((value / 1_000_000).toFixed(abs < 10_000_000 ? 1 : 0))}M`;
  return `${trimZeros((value / 1_000_000_000).toFixed(1))}B`;
}

/** Dollar amounts as axis labels, as short as they are exact: $0, $0.005, $0.01, $1.5, $120. */
export function formatUsdTick(value: number): string {
  if (value === 0) return '$0';
  const abs = Math.abs(value);
  if (abs >= 1000) return `$${formatCompactCount(value)}`;
  if (abs < 1e-6) return `$${value.toExponential(0)}`;
  return `$${String(Number(value.toPrecision(3)))}`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
