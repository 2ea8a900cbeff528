import { describe, expect, it } from 'vitest';
import {
  formatBucketSize,
  formatCompactCount,
  formatTimeTick,
  formatUsdTick,
  histogram,
  labelIndices,
  linearScale,
  logScale,
  niceStep,
  placeMarkers,
  spansDays,
  zeroBasedAxis,
} from '../../../../../renderer/src/charts/chart-math';

describe('scales', () => {
  it('maps a domain onto a range linearly, inverted ranges included', () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(150);
    expect(x(10)).toBe(200);
    const y = linearScale([0, 4], [160, 0]);
    expect(y(0)).toBe(160);
    expect(y(1)).toBe(120);
  });

  it('maps a degenerate domain to the start of the range', () => {
    expect(linearScale([3, 3], [10, 20])(3)).toBe(10);
  });

  it('maps decades to equal distances on a log scale', () => {
    const x = logScale([0.001, 1], [0, 300]);
    expect(x(0.001)).toBeCloseTo(0);
    expect(x(0.01)).toBeCloseTo(100);
    expect(x(0.1)).toBeCloseTo(200);
    expect(x(0)).toBe(0);
  });
});

describe('ticks', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(100, 4)).toBe(50);
    expect(niceStep(0.03, 3)).toBe(0.01);
    expect(niceStep(7, 10)).toBe(1);
    expect(niceStep(0, 4)).toBe(1);
  });

  it('builds a zero-based axis whose top covers the largest value', () => {
    expect(zeroBasedAxis(7, 4)).toEqual({ max: 8, ticks: [0, 2, 4, 6, 8] });
    expect(zeroBasedAxis(0.034, 4)).toEqual({ max: 0.04, ticks: [0, 0.01, 0.02, 0.03, 0.04] });
    expect(zeroBasedAxis(100, 4)).toEqual({ max: 100, ticks: [0, 50, 100] });
  });

  it('keeps count axes whole', () => {
    expect(zeroBasedAxis(2, 4, { integer: true })).toEqual({ max: 2, ticks: [0, 1, 2] });
    expect(zeroBasedAxis(1, 4, { integer: true }).ticks.every(Number.isInteger)).toBe(true);
  });

  it('still draws an axis when there is nothing', () => {
    expect(zeroBasedAxis(0)).toEqual({ max: 1, ticks: [0, 1] });
    expect(zeroBasedAxis(Number.NaN)).toEqual({ max: 1, ticks: [0, 1] });
  });

  it('has no floating-point noise in tick values', () => {
    for (const t of zeroBasedAxis(0.7, 7).ticks) expect(String(t)).toMatch(/^\d(\.\d{1,2})?$/);
  });

  it('labels at most the asked number of time buckets, from the first, evenly', () => {
    expect(labelIndices(10, 5)).toEqual([0, 2, 4, 6, 8]);
    expect(labelIndices(3, 10)).toEqual([0, 1, 2]);
    expect(labelIndices(60, 6)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(labelIndices(0, 5)).toEqual([]);
  });
});

describe('time labels', () => {
  const t = new Date(2026, 10, 3, 14, 5).getTime();

  it('shows the time for short buckets and the date for day buckets', () => {
    expect(formatTimeTick(t, 60_000, false)).toBe('14:05');
    expect(formatTimeTick(t, 86_400_000, true)).toBe('Nov 3');
    expect(formatTimeTick(t, 3_600_000, true)).toBe('Nov 3 14:05');
  });

  it('knows when a range crosses midnight', () => {
    expect(spansDays(new Date(2026, 10, 3, 1).getTime(), new Date(2026, 10, 3, 23).getTime())).toBe(false);
    expect(spansDays(new Date(2026, 10, 3, 23).getTime(), new Date(2026, 10, 4, 1).getTime())).toBe(true);
  });
});

describe('histogram', () => {
  const total = (h: ReturnType<typeof histogram>) => h.bins.reduce((n, b) => n + b.count, 0) + h.zeros;

  it('puts every value in exactly one bin of nice, contiguous edges', () => {
    const values = [0.01, 0.012, 0.02, 0.025, 0.03, 0.031, 0.049, 0.05];
    const h = histogram(values, 10);
    expect(h.scale).toBe('linear');
    expect(total(h)).toBe(values.length);
    for (let i = 1; i < h.bins.length; i++) expect(h.bins[i]!.x0).toBe(h.bins[i - 1]!.x1);
    expect(h.bins[0]!.x0).toBeLessThanOrEqual(0.01);
    expect(h.bins.at(-1)!.x1).toBeGreaterThan(0.05);
    expect(h.bins.length).toBeLessThanOrEqual(11);
    for (const v of values) {
      const containing = h.bins.filter((b) => v >= b.x0 && v < b.x1);
      expect(containing, String(v)).toHaveLength(1);
    }
  });

  it('counts a value on an edge in the bin that starts there', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 10);
    expect(h.bins.map((b) => b.count)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(h.bins[0]).toEqual({ x0: 0, x1: 1, count: 1 });
  });

  it('uses 1-2-5 edges on a log scale when values span orders of magnitude, zeros apart', () => {
    const values = [0, 0, 0.0003, 0.0004, 0.0011, 0.004, 0.02, 0.05, 0.3];
    const h = histogram(values, 20);
    expect(h.scale).toBe('log');
    expect(h.zeros).toBe(2);
    expect(total(h)).toBe(values.length);
    expect(h.bins.map((b) => b.x0)).toEqual([0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]);
    expect(h.bins.at(-1)!.x1).toBe(0.5);
    expect(h.bins.find((b) => b.x0 === 0.0002)!.count).toBe(2);
    expect(h.bins.find((b) => b.x0 === 0.05)!.count).toBe(1);
  });

  it('falls back to whole decades when 1-2-5 edges would be too many bins', () => {
    const h = histogram([1e-6, 1, 1000], 8);
    expect(h.scale).toBe('log');
    expect(h.bins.length).toBeLessThanOrEqual(10);
    expect(h.bins.every((b) => Math.abs(Math.log10(b.x1 / b.x0) - 1) < 1e-9)).toBe(true);
    expect(total(h)).toBe(3);
  });

  it('handles one value, equal values, nothing, and junk', () => {
    expect(histogram([])).toEqual({ scale: 'linear', bins: [], zeros: 0 });
    expect(histogram([0.5, 0.5, 0.5])).toEqual({ scale: 'linear', bins: [{ x0: 0.5, x1: 0.5, count: 3 }], zeros: 0 });
    expect(histogram([Number.NaN, -1, Infinity, 2]).bins).toEqual([{ x0: 2, x1: 2, count: 1 }]);
  });
});

describe('axis label formats', () => {
  it('shortens counts', () => {
    expect(formatCompactCount(0)).toBe('0');
    expect(formatCompactCount(950)).toBe('950');
    expect(formatCompactCount(1200)).toBe('1.2k');
    expect(formatCompactCount(12_000)).toBe('12k');
    expect(formatCompactCount(3_400_000)).toBe('3.4M');
    expect(formatCompactCount(2500.5)).toBe('2.5k');
  });

  it('writes dollars as short as they are exact', () => {
    expect(formatUsdTick(0)).toBe('$0');
    expect(formatUsdTick(0.005)).toBe('$0.005');
    expect(formatUsdTick(0.01)).toBe('$0.01');
    expect(formatUsdTick(1.5)).toBe('$1.5');
    expect(formatUsdTick(0.1 + 0.2)).toBe('$0.3');
    expect(formatUsdTick(2000)).toBe('$2k');
  });
});

describe('bucket sizes', () => {
  it('reads as words after "per"', () => {
    expect(formatBucketSize(60_000)).toBe('minute');
    expect(formatBucketSize(300_000)).toBe('5 min');
    expect(formatBucketSize(3_600_000)).toBe('hour');
    expect(formatBucketSize(6 * 3_600_000)).toBe('6 hours');
    expect(formatBucketSize(86_400_000)).toBe('day');
    expect(formatBucketSize(7 * 86_400_000)).toBe('week');
    expect(formatBucketSize(90_000)).toBe('90 s');
  });
});

describe('placeMarkers', () => {
  it('keeps markers apart when there is room, in x order', () => {
    const placed = placeMarkers(
      [
        { label: 'p95', value: 2, x: 200 },
        { label: 'p50', value: 1, x: 100 },
      ],
      30,
    );
    expect(placed.map((m) => [m.label, m.x])).toEqual([
      ['p50', 100],
      ['p95', 200],
    ]);
  });

  it('merges markers that would overprint into one labelled "p95/p99"', () => {
    const placed = placeMarkers(
      [
        { label: 'p50', value: 1, x: 100 },
        { label: 'p95', value: 5, x: 300 },
        { label: 'p99', value: 5, x: 310 },
      ],
      30,
    );
    expect(placed.map((m) => m.label)).toEqual(['p50', 'p95/p99']);
    expect(placed[1]!.members).toEqual([
      { label: 'p95', value: 5 },
      { label: 'p99', value: 5 },
    ]);
  });
});
