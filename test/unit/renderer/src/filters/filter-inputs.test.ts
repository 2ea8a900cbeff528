import { describe, expect, it } from 'vitest';
import {
  formatCostInput,
  formatDurationInput,
  fromLocalDateTimeInput,
  parseCostInput,
  parseDurationInput,
  toLocalDateTimeInput,
} from '../../../../../renderer/src/filters/filter-inputs';

describe('durations', () => {
  it('reads numbers with a unit; a bare number is milliseconds', () => {
    expect(parseDurationInput('500')).toBe(500);
    expect(parseDurationInput('500ms')).toBe(500);
    expect(parseDurationInput(' 2 s ')).toBe(2000);
    expect(parseDurationInput('1.5m')).toBe(90_000);
    expect(parseDurationInput('1h')).toBe(3_600_000);
    expect(parseDurationInput('250us')).toBe(0.25);
    expect(parseDurationInput('.5s')).toBe(500);
    expect(parseDurationInput('2S')).toBe(2000);
  });

  it('refuses what it cannot read', () => {
    for (const text of ['', 'abc', '2 days', '-1s', '1e3', '1,5s', 's'])
      expect(parseDurationInput(text), text).toBeNull();
  });

  it('writes back the shortest exact form, which reads back the same', () => {
    const cases: [number, string][] = [
      [250, '250ms'],
      [1500, '1.5s'],
      [2000, '2s'],
      [90_000, '1.5m'],
      [7_200_000, '2h'],
      [1234, '1234ms'],
    ];
    for (const [ms, text] of cases) {
      expect(formatDurationInput(ms)).toBe(text);
      expect(parseDurationInput(text)).toBe(ms);
    }
  });
});

describe('dollar amounts', () => {
  it('reads amounts with or without a dollar sign', () => {
    expect(parseCostInput('$0.01')).toBe(0.01);
    expect(parseCostInput('0.5')).toBe(0.5);
    expect(parseCostInput(' $ 2 ')).toBe(2);
    expect(parseCostInput('.25')).toBe(0.25);
  });

  it('refuses anything else', () => {
    for (const text of ['', '$', '-1', '1e-3', 'ten', '€1']) expect(parseCostInput(text), text).toBeNull();
  });

  it('round-trips', () => {
    for (const usd of [0, 0.0005, 0.01, 1.25, 100]) expect(parseCostInput(formatCostInput(usd))).toBe(usd);
  });
});

describe('local date-times', () => {
  it('round-trips a time to the minute', () => {
    const ms = new Date(2026, 10, 3, 14, 5).getTime();
    expect(toLocalDateTimeInput(ms)).toBe('2026-11-03T14:05');
    expect(fromLocalDateTimeInput('2026-11-03T14:05')).toBe(ms);
    expect(fromLocalDateTimeInput('2026-11-03T14:05:30')).toBe(ms + 30_000);
  });

  it('reads an empty or malformed value as no bound', () => {
    expect(fromLocalDateTimeInput('')).toBeNull();
    expect(fromLocalDateTimeInput('yesterday')).toBeNull();
    expect(fromLocalDateTimeInput('2026-11-03')).toBeNull();
  });
});
