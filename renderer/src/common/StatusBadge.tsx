import type { RunStatus } from '../../../shared/domain/run';

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="status-badge" data-status={status}>
      {status === 'ok' ? 'ok' : 'error'}
    </span>
  );
}
