import { useCallback, useSyncExternalStore } from 'react';
import type { LiveConnectionState } from '../api/live-events';
import { useAppServices } from './useAppServices';

export function useLiveState(): LiveConnectionState {
  const { live } = useAppServices();
  const subscribe = useCallback((listener: () => void) => live.onStateChange(listener), [live]);
  return useSyncExternalStore(subscribe, () => live.state);
}
