import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, subscribeToRoute, type Route } from './route';

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribeToRoute, () => location.hash);
  return useMemo(() => parseRoute(hash), [hash]);
}
