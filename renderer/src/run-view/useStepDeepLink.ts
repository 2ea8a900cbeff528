import { useEffect, useRef } from 'react';
import { navigate } from '../routing/route';
import type { RunTab } from './run-tabs';

/**
 * Keeps the selected step in the URL (`#/run/<traceId>?step=<spanId>`, replacing the history entry)
 * and opens the step a deep link names. On arrival the URL wins over a selection remembered from an
 * earlier visit; afterwards the selection drives the URL.
 */
export function useStepDeepLink(
  traceId: string,
  tab: RunTab,
  routeSpanId: string | undefined,
  selectedSpanId: string | null,
  select: (spanId: string | null) => void,
): void {
  const arrivingFromLink = useRef(routeSpanId !== undefined);

  useEffect(() => {
    if (routeSpanId !== undefined) select(routeSpanId);
  }, [routeSpanId, select]);

  useEffect(() => {
    if (arrivingFromLink.current) {
      if (selectedSpanId === routeSpanId) arrivingFromLink.current = false;
      return;
    }
    if ((routeSpanId ?? null) === selectedSpanId) return;
    navigate(
      {
        page: 'run',
        traceId,
        ...(tab === 'timeline' ? {} : { tab }),
        ...(selectedSpanId === null ? {} : { spanId: selectedSpanId }),
      },
      { replace: true },
    );
  }, [traceId, tab, routeSpanId, selectedSpanId]);
}
