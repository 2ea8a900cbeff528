import './exchange.css';
import { useEffect } from 'react';
import { ImportPanel } from './ImportPanel';
import { useExportStatusStore } from './export-status-store';

const DONE_VISIBLE_MS = 8000;

/** The corner where imports show their progress and summary, and exports how they went. */
export function ExchangeDock() {
  const status = useExportStatusStore((s) => s.status);
  const setStatus = useExportStatusStore((s) => s.set);

  // A finished export's note goes away by itself; an error stays until closed.
  useEffect(() => {
    if (status?.kind !== 'done') return;
    const timer = setTimeout(() => {
      setStatus(null);
    }, DONE_VISIBLE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [status, setStatus]);

  return (
    <div className="exchange-dock" aria-live="polite">
      <ImportPanel />
      {status !== null && (
        <div
          className={`exchange-card exchange-card--${status.kind}`}
          data-testid="export-status"
          data-state={status.kind}
          role={status.kind === 'error' ? 'alert' : 'status'}
        >
          <span className="exchange-card__line">{status.text}</span>
          {status.kind !== 'busy' && (
            <button
              type="button"
              className="button button--quiet button--small"
              aria-label="Close"
              onClick={() => {
                setStatus(null);
              }}
            >
              ✕
            </button>
          )}
        </div>
      )}
    </div>
  );
}
