import { describe, expect, it } from 'vitest';
import { currentViewExport } from '../../../../../renderer/src/exchange/useDesktopMenu';
import { DEFAULT_VIEW } from '../../../../../renderer/src/routing/view-query';

describe('currentViewExport (File → Export…)', () => {
  const base = {
    page: 'runs' as const,
    view: {
      ...DEFAULT_VIEW,
      filter: { ...DEFAULT_VIEW.filter, service: 'api', range: { kind: 'last', preset: '1h' } },
    },
  } as const;

  it('exports the open run', () => {
    expect(currentViewExport({ page: 'run', traceId: 'a'.repeat(32) }, base, 0)).toEqual({
      request: { format: 'otlp-json', traceIds: ['a'.repeat(32)] },
      what: 'the run',
    });
  });

  it('exports the list on screen with its filter (relative ranges resolved now), also under Settings', () => {
    const now = 10 * 3_600_000;
    for (const route of [base, { page: 'settings', section: 'forwarding' } as const]) {
      expect(currentViewExport(route, base, now).request).toEqual({
        format: 'otlp-json',
        filter: { service: 'api', fromMs: now - 3_600_000 },
      });
    }
  });
});
