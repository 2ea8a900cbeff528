import { type ImportOverview, importOverview, problemPlace } from '../../../shared/domain/import-job';
import { formatCount } from '../../../shared/format/format-count';
import { navigate } from '../routing/route';
import { DEFAULT_VIEW } from '../routing/view-query';
import { formatBytes } from '../settings/storage-form';
import { useImportJobStore } from './import-job-store';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

function stateOf(o: ImportOverview): 'running' | 'done' | 'failed' {
  if (o.running) return 'running';
  return o.failures.length > 0 && o.spans + o.spansSkipped + o.logs === 0 ? 'failed' : 'done';
}

/** Import progress (overall, over every file) and then its summary: what was imported, skipped, wrong. */
export function ImportPanel() {
  const jobs = useImportJobStore((s) => s.jobs);
  const dismiss = useImportJobStore((s) => s.dismiss);
  if (jobs.length === 0) return null;
  const o = importOverview(jobs);
  const state = stateOf(o);
  const percent = o.totalBytes > 0 ? Math.min(100, Math.floor((o.bytesSent / o.totalBytes) * 100)) : 0;
  const title =
    state === 'running'
      ? `Importing ${o.files > 1 ? `file ${String(Math.min(o.finished + 1, o.files))} of ${String(o.files)}` : ''}`.trim()
      : state === 'failed'
        ? 'Import failed'
        : 'Import finished';

  return (
    <section className="exchange-card" data-testid="import-panel" data-state={state} aria-label="Import">
      <header className="exchange-card__head">
        <h2 className="exchange-card__title">{title}</h2>
        {state !== 'running' && (
          <button
            type="button"
            className="button button--quiet button--small"
            data-testid="import-panel-close"
            aria-label="Close the import summary"
            onClick={dismiss}
          >
            ✕
          </button>
        )}
      </header>
      {state === 'running' && (
        <>
          <div
            className="exchange-progress"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            data-testid="import-progress"
          >
            <div className="exchange-progress__bar" style={{ width: `${String(percent)}%` }} />
          </div>
          <p className="exchange-card__line muted" data-testid="import-progress-text">
            {o.current !== null && <span className="exchange-card__file">{o.current} · </span>}
            {percent}% · {formatBytes(o.bytesSent)} of {formatBytes(o.totalBytes)}
          </p>
        </>
      )}
      {(state !== 'running' || o.finished > 0) && <ImportTotals o={o} />}
      {state !== 'running' && o.traceIds.length > 0 && (
        <div className="exchange-card__actions">
          <button
            type="button"
            className="button button--small"
            data-testid="import-show-runs"
            onClick={() => {
              const only = o.traceIds.length === 1 ? o.traceIds[0] : undefined;
              if (only !== undefined) navigate({ page: 'run', traceId: only });
              else
                navigate({
                  page: 'runs',
                  view: { ...DEFAULT_VIEW, filter: { ...DEFAULT_VIEW.filter, origin: 'import' } },
                });
            }}
          >
            {o.traceIds.length === 1 ? 'Open the run' : 'Show imported runs'}
          </button>
        </div>
      )}
    </section>
  );
}

function ImportTotals({ o }: { o: ImportOverview }) {
  return (
    <div className="exchange-card__body" data-testid="import-summary">
      <p className="exchange-card__line" data-testid="import-summary-totals">
        {plural(o.spans, 'span')} imported in {plural(o.runs, 'run')}
        {o.logs > 0 && ` · ${plural(o.logs, 'log record')}`}
        {' · '}from {plural(o.finished, 'file')}
      </p>
      {o.spansSkipped > 0 && (
        <p className="exchange-card__line muted" data-testid="import-summary-skipped">
          {plural(o.spansSkipped, 'span')} already present, skipped
        </p>
      )}
      {o.rejected > 0 && (
        <p className="exchange-card__line muted">
          {plural(o.rejected, 'span or log record', 'spans or log records')} rejected as invalid
        </p>
      )}
      {o.failures.length > 0 && (
        <ul className="exchange-card__list exchange-card__list--error" data-testid="import-failures">
          {o.failures.map((f, i) => (
            <li key={i}>
              <strong>{f.file}</strong>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {o.problems.length > 0 && (
        <>
          <p className="exchange-card__line">
            {plural(o.problems.length + o.problemsMore, 'problem')} (the rest was imported):
          </p>
          <ul className="exchange-card__list" data-testid="import-problems">
            {o.problems.map((p, i) => (
              <li key={i}>
                <code>{problemPlace(p)}</code> {p.message}
              </li>
            ))}
            {o.problemsMore > 0 && <li className="muted">and {formatCount(o.problemsMore)} more</li>}
          </ul>
        </>
      )}
    </div>
  );
}
