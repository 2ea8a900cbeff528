import { useEffect, useState } from 'react';
import type { ForwardingStatus } from '../../../shared/domain/forwarding';
import { forwardingUrlProblem } from '../../../shared/domain/forwarding';
import { formatCount } from '../../../shared/format/format-count';
import { formatClock } from '../../../shared/format/time';
import { toApiError } from '../api/api-client';
import { useApiQuery } from '../api/useApiQuery';
import { useAppServices } from '../app/useAppServices';
import { MASKED_VALUE, parseHeaderLines } from './forwarding-form';
import {
  SettingsLoadError,
  SettingsSectionFrame,
  type SettingsStatus,
  SettingsStatusBox,
} from './SettingsSectionParts';

/** How often the status (queued, sent, last error) is read while this section is open. */
const STATUS_REFRESH_MS = 2000;

/**
 * Settings › Forwarding: relay everything received (after redaction) to a team OTLP/HTTP backend.
 * The toggle, the URL, headers (values are secrets: shown masked once saved) and how sending goes.
 */
export function ForwardingSection() {
  const { api } = useAppServices();
  const { state, refresh, retry } = useApiQuery('getForwarding', {});
  const view = state.status === 'ready' ? state.data : null;
  const [url, setUrl] = useState('');
  const [newHeaders, setNewHeaders] = useState('');
  const [removed, setRemoved] = useState<readonly string[]>([]);
  const [status, setStatus] = useState<SettingsStatus | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = setInterval(refresh, STATUS_REFRESH_MS);
    return () => {
      clearInterval(timer);
    };
  }, [refresh]);

  // The URL field starts from the saved URL (and follows it until edited).
  const savedUrl = view?.url;
  useEffect(() => {
    if (savedUrl !== undefined) setUrl(savedUrl);
  }, [savedUrl]);

  const savedNames = view?.headerNames ?? [];
  const kept = savedNames.filter((n) => !removed.includes(n));
  const parsed = parseHeaderLines(newHeaders);
  const urlProblem = url.trim() === '' ? '' : forwardingUrlProblem(url.trim());
  const dirty = view !== null && (url.trim() !== view.url || newHeaders.trim() !== '' || removed.length > 0);

  const save = async (enabled: boolean, done: string) => {
    if (view === null) return;
    if (parsed.errors.length > 0 || urlProblem !== '') {
      setStatus({ kind: 'error', text: [urlProblem, ...parsed.errors].filter((t) => t !== '').join('; ') });
      return;
    }
    if (enabled && url.trim() === '') {
      setStatus({ kind: 'error', text: 'Enter the URL of your OTLP/HTTP endpoint first.' });
      return;
    }
    setBusy(true);
    try {
      await api.call('setForwarding', { enabled, url: url.trim(), headers: parsed.headers, keepHeaders: kept });
      setNewHeaders('');
      setRemoved([]);
      setStatus({ kind: 'success', text: done });
      refresh();
    } catch (error) {
      setStatus({ kind: 'error', text: toApiError(error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <SettingsSectionFrame
      id="forwarding"
      title="Forwarding"
      state={state.status}
      lead={
        <>
          Relay everything Loupe receives (after redaction) to your team&apos;s OpenTelemetry backend — a Collector,
          Tempo, Jaeger, Langfuse, Phoenix — over OTLP/HTTP. Local ingest never waits for it; when the backend is slow
          or down, spans queue (up to a limit) and are retried.
        </>
      }
    >
      {state.status === 'error' && (
        <SettingsLoadError what="the forwarding settings" error={state.error} onRetry={retry} />
      )}
      <SettingsStatusBox status={status} testId="forwarding-status-message" />
      {view && (
        <>
          {view.source === 'cli' && (
            <p className="muted" data-testid="forwarding-source">
              Loupe was started with <code>--forward-to</code>: that setting is in force. Saving here replaces it until
              the next start.
            </p>
          )}
          <label className="checkbox settings-toggle">
            <input
              type="checkbox"
              data-testid="forwarding-toggle"
              checked={view.enabled}
              disabled={busy}
              onChange={(event) => {
                const on = event.target.checked;
                void save(on, on ? `Forwarding to ${url.trim()}.` : 'Forwarding is off.');
              }}
            />
            Forward everything received
          </label>

          <div className="settings-row">
            <label className="settings-field forwarding-url">
              Endpoint (OTLP/HTTP base URL; /v1/traces and /v1/logs are added)
              <input
                className="settings-input settings-input--wide"
                data-testid="forwarding-url"
                placeholder="https://otel-collector.example.com:4318"
                value={url}
                onChange={(event) => {
                  setUrl(event.target.value);
                }}
              />
            </label>
          </div>
          {urlProblem !== '' && <p className="error-text">{urlProblem}</p>}

          <h3 className="settings-section__subtitle">Headers</h3>
          {savedNames.length === 0 && <p className="muted">No headers.</p>}
          {savedNames.length > 0 && (
            <ul className="forwarding-headers" data-testid="forwarding-saved-headers">
              {savedNames.map((name) => {
                const dropping = removed.includes(name);
                return (
                  <li key={name} className={dropping ? 'is-removed' : undefined} data-testid="forwarding-saved-header">
                    <code>{name}</code>
                    <span className="muted forwarding-headers__value" title="Saved values are never shown">
                      {MASKED_VALUE}
                    </span>
                    <button
                      type="button"
                      className="button button--quiet button--small"
                      onClick={() => {
                        setRemoved((r) => (dropping ? r.filter((n) => n !== name) : [...r, name]));
                      }}
                    >
                      {dropping ? 'Keep' : 'Remove'}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <textarea
            className="settings-input forwarding-headers__input"
            data-testid="forwarding-headers"
            aria-label="Headers to add, one Name=value per line"
            placeholder={'One per line, e.g.\nauthorization=Bearer <your api key>\nx-team=agents'}
            rows={3}
            value={newHeaders}
            onChange={(event) => {
              setNewHeaders(event.target.value);
            }}
          />
          {parsed.errors.length > 0 && <p className="error-text">{parsed.errors.join('; ')}</p>}
          <div className="settings-row">
            <button
              type="button"
              className="button button--primary"
              data-testid="forwarding-save"
              disabled={busy || !dirty}
              onClick={() => {
                void save(view.enabled, 'Saved.');
              }}
            >
              Save
            </button>
          </div>

          <h3 className="settings-section__subtitle">Status</h3>
          <ForwardingFigures status={view} />
        </>
      )}
    </SettingsSectionFrame>
  );
}

function ForwardingFigures({ status }: { status: ForwardingStatus }) {
  return (
    <dl className="settings-facts" data-testid="forwarding-figures" data-enabled={String(status.enabled)}>
      <dt>State</dt>
      <dd data-testid="forwarding-state">
        {status.enabled ? `On (${status.source === 'cli' ? 'from --forward-to' : 'from Settings'})` : 'Off'}
      </dd>
      <dt>Queued</dt>
      <dd data-testid="forwarding-queued">{formatCount(status.queued)}</dd>
      <dt>Sent</dt>
      <dd data-testid="forwarding-sent">{formatCount(status.sent)}</dd>
      <dt>Dropped (queue full)</dt>
      <dd data-testid="forwarding-dropped">{formatCount(status.dropped)}</dd>
      <dt>Failed (gave up)</dt>
      <dd data-testid="forwarding-failed">{formatCount(status.failed)}</dd>
      <dt>Last sent</dt>
      <dd data-testid="forwarding-last-sent">{status.lastSentAt === null ? '—' : formatClock(status.lastSentAt)}</dd>
      <dt>Last error</dt>
      <dd data-testid="forwarding-last-error" className={status.lastError ? 'error-text' : undefined}>
        {status.lastError ?? '—'}
      </dd>
    </dl>
  );
}
