import type { LiveConnectionState } from '../api/live-events';
import { useLiveState } from './useLiveState';

const LABELS: Record<LiveConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
};

const DESCRIPTIONS: Record<LiveConnectionState, string> = {
  connecting: 'Connecting to the Loupe engine',
  live: 'New runs appear as they arrive',
  reconnecting: 'Lost the connection to the Loupe engine; retrying',
};

export function LiveIndicator() {
  const state = useLiveState();
  return (
    <div
      className="live-indicator"
      data-testid="live-indicator"
      data-state={state}
      role="status"
      title={DESCRIPTIONS[state]}
    >
      <span className="live-indicator__dot" aria-hidden="true" />
      <span className="live-indicator__label">{LABELS[state]}</span>
    </div>
  );
}
