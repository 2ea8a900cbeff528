import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SORT,
  DEFAULT_VIEW,
  EMPTY_FILTER,
  RANGE_PRESET_MS,
  type RunsView,
  type ViewFilter,
  isFilterActive,
  parseViewQuery,
  toRunFilter,
  viewToQuery,
} from '../../../../../renderer/src/routing/view-query';

const FULL: ViewFilter = {
  range: { kind: 'between', fromMs: Date.UTC(2026, 10, 3, 14, 0), toMs: Date.UTC(2026, 10, 3, 15, 30, 12, 250) },
  service: 'support agent',
  status: 'error',
  model: 'gpt-4o-mini',
  origin: 'import',
  sessionId: 'conv/42&x=1',
  minCostUsd: 0.015,
  minDurationMs: 2500,
  text: 'refund policy',
};

describe('viewToQuery', () => {
  it('writes nothing for the default view', () => {
    expect(viewToQuery(DEFAULT_VIEW)).toBe('');
    expect(viewToQuery({ filter: EMPTY_FILTER, sort: { by: 'start', dir: 'desc' } })).toBe('');
  });

  it('writes every field, in a fixed order, escaped', () => {
    expect(viewToQuery({ filter: FULL, sort: { by: 'cost', dir: 'asc' } })).toBe(
      'from=2026-11-03T14%3A00%3A00Z&to=2026-11-03T15%3A30%3A12.250Z&service=support+agent&status=error' +
        '&model=gpt-4o-mini&origin=import&session=conv%2F42%26x%3D1&minCost=0.015&minDuration=2500' +
        '&q=refund+policy&sort=cost&dir=asc',
    );
  });

  it('writes a relative range as its preset, and descending sorts without a direction', () => {
    expect(
      viewToQuery({ filter: { ...EMPTY_FILTER, range: { kind: 'last', preset: '1h' } }, sort: DEFAULT_SORT }),
    ).toBe('range=1h');
    expect(viewToQuery({ filter: EMPTY_FILTER, sort: { by: 'tokens', dir: 'desc' } })).toBe('sort=tokens');
    expect(viewToQuery({ filter: EMPTY_FILTER, sort: { by: 'start', dir: 'asc' } })).toBe('sort=start&dir=asc');
  });

  it('writes a half-open custom range with only its set bound', () => {
    const from = Date.UTC(2026, 0, 1);
    expect(
      viewToQuery({
        filter: { ...EMPTY_FILTER, range: { kind: 'between', fromMs: from, toMs: null } },
        sort: DEFAULT_SORT,
      }),
    ).toBe('from=2026-01-01T00%3A00%3A00Z');
  });
});

describe('parseViewQuery', () => {
  it('reads the default view from an empty query, with or without "?"', () => {
    expect(parseViewQuery('')).toEqual(DEFAULT_VIEW);
    expect(parseViewQuery('?')).toEqual(DEFAULT_VIEW);
  });

  it('round-trips every kind of view', () => {
    const views: RunsView[] = [
      DEFAULT_VIEW,
      { filter: FULL, sort: { by: 'cost', dir: 'asc' } },
      { filter: { ...EMPTY_FILTER, range: { kind: 'last', preset: '7d' } }, sort: { by: 'llmCalls', dir: 'desc' } },
      {
        filter: { ...EMPTY_FILTER, range: { kind: 'between', fromMs: null, toMs: 1_700_000_000_000 } },
        sort: DEFAULT_SORT,
      },
      { filter: { ...EMPTY_FILTER, text: 'naïve 世界 "quoted" +plus', minCostUsd: 0 }, sort: DEFAULT_SORT },
    ];
    for (const view of views) expect(parseViewQuery(viewToQuery(view))).toEqual(view);
  });

  it('drops malformed values instead of failing', () => {
    const view = parseViewQuery(
      'range=2h&status=warning&origin=cloud&minCost=-1&minDuration=abc&sort=name&dir=sideways&service=%20%20&q=',
    );
    expect(view).toEqual(DEFAULT_VIEW);
  });

  it('ignores a bad direction but keeps the sort key', () => {
    expect(parseViewQuery('sort=duration&dir=up').sort).toEqual({ by: 'duration', dir: 'desc' });
    expect(parseViewQuery('dir=asc').sort).toEqual(DEFAULT_SORT);
  });

  it('reads times as ISO 8601 with a zone, or epoch milliseconds; nothing ambiguous', () => {
    expect(parseViewQuery('from=2026-11-03T14:00:00Z').filter.range).toEqual({
      kind: 'between',
      fromMs: Date.UTC(2026, 10, 3, 14),
      toMs: null,
    });
    expect(parseViewQuery('from=2026-11-03T15:00:00%2B01:00').filter.range).toEqual({
      kind: 'between',
      fromMs: Date.UTC(2026, 10, 3, 14),
      toMs: null,
    });
    expect(parseViewQuery('to=1700000000000').filter.range).toEqual({
      kind: 'between',
      fromMs: null,
      toMs: 1_700_000_000_000,
    });
    // No zone: local or UTC? Not guessed.
    expect(parseViewQuery('from=2026-11-03T14:00').filter.range).toEqual({ kind: 'all' });
    expect(parseViewQuery('from=yesterday').filter.range).toEqual({ kind: 'all' });
  });

  it('prefers a preset over fixed bounds when a link has both', () => {
    expect(parseViewQuery('range=15m&from=2026-11-03T14:00:00Z').filter.range).toEqual({ kind: 'last', preset: '15m' });
  });

  it('trims text fields and caps the search at the engine’s 500 characters', () => {
    const view = parseViewQuery(`service=%20api%20&q=${'a'.repeat(600)}`);
    expect(view.filter.service).toBe('api');
    expect(view.filter.text).toHaveLength(500);
  });
});

describe('toRunFilter', () => {
  it('leaves everything out for the empty filter', () => {
    expect(toRunFilter(EMPTY_FILTER, 1_000_000)).toEqual({});
  });

  it('resolves a relative range against now, leaving the end open', () => {
    const now = Date.UTC(2026, 10, 3, 12);
    expect(toRunFilter({ ...EMPTY_FILTER, range: { kind: 'last', preset: '24h' } }, now)).toEqual({
      fromMs: now - RANGE_PRESET_MS['24h'],
    });
  });

  it('passes every set field through under the engine’s names', () => {
    expect(toRunFilter(FULL, 0)).toEqual({
      fromMs: Date.UTC(2026, 10, 3, 14, 0),
      toMs: Date.UTC(2026, 10, 3, 15, 30, 12, 250),
      service: 'support agent',
      status: 'error',
      model: 'gpt-4o-mini',
      origin: 'import',
      sessionId: 'conv/42&x=1',
      minCostUsd: 0.015,
      minDurationMs: 2500,
      text: 'refund policy',
    });
  });
});

describe('isFilterActive', () => {
  it('tells whether anything narrows the list, the time range and a $0 minimum included', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive({ ...EMPTY_FILTER, range: { kind: 'last', preset: '1h' } })).toBe(true);
    expect(isFilterActive({ ...EMPTY_FILTER, minCostUsd: 0 })).toBe(true);
  });
});
