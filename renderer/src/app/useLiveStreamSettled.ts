import { useEffect, useState } from 'react';
import type { LiveEventStream } from '../api/live-events';

/** How long the first page waits for the live stream before it shows anyway (data is fetched either way). */
const SETTLE_TIMEOUT_MS = 1000;

/**
 * True once the live stream has opened (or failed, or taken too long). Pages fetch their data only
 * after that, so the stream's first opening does not make them fetch it all again: each opening
 * refreshes what is on screen, since events may have been missed (see useLiveRefresh). On a
 * 10,000-span run that second fetch would double the time to open it.
 */
export function useLiveStreamSettled(live: LiveEventStream): boolean {
  const [settled, setSettled] = useState(() => live.state !== 'connecting');
  useEffect(() => {
    if (settled) return;
    const timer = setTimeout(() => {
      setSettled(true);
    }, SETTLE_TIMEOUT_MS);
    const off = live.onStateChange((state) => {
      if (state !== 'connecting') setSettled(true);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [live, settled]);
  return settled;
}
