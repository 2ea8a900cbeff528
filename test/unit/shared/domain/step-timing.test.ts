import { describe, expect, it } from 'vitest';
import { stepTimings, type TimedSpan } from '../../../../shared/domain/step-timing';

const span = (spanId: string, parentSpanId: string, startNs: number, endNs: number): TimedSpan => ({
  spanId,
  parentSpanId,
  startNs,
  endNs,
});

describe('stepTimings', () => {
  it('gives each step its time not covered by children (overlaps merged, children clipped)', () => {
    const t = stepTimings([
      span('root', '', 0, 1000),
      span('a', 'root', 100, 400),
      span('b', 'root', 300, 600), // overlaps a: covered 100–600
      span('c', 'root', 900, 1200), // runs past the root: only 900–1000 counts
    ]);
    expect(t.get('root')!.selfTimeNs).toBe(1000 - 500 - 100);
    expect(t.get('a')!.selfTimeNs).toBe(300);
    expect(t.get('c')!.selfTimeNs).toBe(300);
  });

  it('follows the critical path back from the end: the child finishing last, then what ended before it started', () => {
    const t = stepTimings([
      span('root', '', 0, 1000),
      span('early', 'root', 0, 200), // the only step running before 'parallel' started: on the path
      span('parallel', 'root', 100, 250), // finished last before 'late' started: on the path
      span('late', 'root', 300, 950),
      span('inner', 'late', 310, 900),
      span('skipped', 'root', 320, 400), // inside 'late': never decides the end
    ]);
    const onPath = [...t].filter(([, v]) => v.onCriticalPath).map(([k]) => k);
    expect(onPath.sort()).toEqual(['early', 'inner', 'late', 'parallel', 'root']);
  });

  it('treats spans whose parent is missing as roots and never gives negative self time', () => {
    const t = stepTimings([span('orphan', 'gone', 50, 40), span('kid', 'orphan', 10, 60)]);
    expect(t.get('orphan')!.selfTimeNs).toBe(0);
    expect(t.get('kid')!.selfTimeNs).toBe(50);
  });
});
