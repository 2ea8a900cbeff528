import { useEffect, useState } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { toApiError } from '../api/api-client';
import { useApiQuery } from '../api/useApiQuery';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { useAppServices } from '../app/useAppServices';
import { CopyButton } from '../common/CopyButton';
import { DELETE_ALL_CONFIRMATION, bytesToGbText, formatBytes, parseRetentionForm } from './storage-form';
import {
  SettingsLoadError,
  SettingsSectionFrame,
  type SettingsStatus,
  SettingsStatusBox,
} from './SettingsSectionParts';

/** Settings › Storage: where the data lives, how big it is, the retention caps, and deleting everything. */
export function StorageSection() {
  const { api } = useAppServices();
  const { state, refresh, retry } = useApiQuery('getStorage', {});
  useLiveRefresh(refresh, 'any', { waitMs: 1000, maxWaitMs: 5000 });
  const info = state.status === 'ready' ? state.data : null;
  const [gb, setGb] = useState('');
  const [days, setDays] = useState('');
  const [status, setStatus] = useState<SettingsStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [confirmText, setConfirmText] = useState('');

  // The fields start from the caps in force (and follow them until edited).
  const maxBytes = info?.retention.maxBytes;
  const maxAgeDays = info?.retention.maxAgeDays;
  useEffect(() => {
    if (maxBytes !== undefined) setGb(bytesToGbText(maxBytes));
    if (maxAgeDays !== undefined) setDays(String(maxAgeDays));
  }, [maxBytes, maxAgeDays]);

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus({ kind: 'success', text: await action() });
    } catch (error) {
      setStatus({ kind: 'error', text: toApiError(error).message });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  const saveRetention = () => {
    const parsed = parseRetentionForm(gb, days);
    if ('error' in parsed) {
      setStatus({ kind: 'error', text: parsed.error });
      return;
    }
    void act(async () => {
      const { retention } = await api.call('setRetention', parsed.caps);
      const age = retention.maxAgeDays === 0 ? 'kept until the size cap' : `kept ${String(retention.maxAgeDays)} days`;
      return `Saved: up to ${formatBytes(retention.maxBytes)}, runs ${age}. Runs past the caps were deleted now.`;
    });
  };

  const deleteAll = () =>
    act(async () => {
      const r = await api.call('deleteAllData', {});
      setConfirming(false);
      setConfirmText('');
      return `Deleted ${formatCount(r.runsDeleted)} ${r.runsDeleted === 1 ? 'run' : 'runs'}. The database went from ${formatBytes(r.bytesBefore)} to ${formatBytes(r.bytesAfter)}.`;
    });

  return (
    <SettingsSectionFrame
      id="storage"
      title="Storage"
      state={state.status}
      lead={
        <>
          Everything Loupe receives stays in one SQLite database on this machine. The oldest runs are deleted when it
          grows past the size cap or when they are older than the age cap.
        </>
      }
    >
      {state.status === 'error' && <SettingsLoadError what="storage" error={state.error} onRetry={retry} />}
      <SettingsStatusBox status={status} testId="storage-status" />
      {info && (
        <>
          <dl className="settings-facts">
            <dt>Data folder</dt>
            <dd className="settings-facts__path">
              <code data-testid="storage-data-dir">{info.dataDir}</code>
              <CopyButton text={info.dataDir} what="data folder" />
            </dd>
            <dt>Database size</dt>
            <dd data-testid="storage-size" title={`${String(info.databaseBytes)} + ${String(info.walBytes)} bytes`}>
              {formatBytes(info.databaseBytes + info.walBytes)}
              {info.walBytes > 0 && (
                <span className="muted"> (of which write-ahead log {formatBytes(info.walBytes)})</span>
              )}
            </dd>
            <dt>Runs</dt>
            <dd data-testid="storage-runs">{formatCount(info.runs)}</dd>
            <dt>Spans</dt>
            <dd data-testid="storage-spans">{formatCount(info.spans)}</dd>
          </dl>

          <h3 className="settings-section__subtitle">Retention</h3>
          <form
            className="settings-row"
            onSubmit={(event) => {
              event.preventDefault();
              saveRetention();
            }}
          >
            <label className="settings-field">
              Size cap (GB)
              <input
                className="settings-input settings-input--number"
                data-testid="retention-max-gb"
                inputMode="decimal"
                value={gb}
                onChange={(event) => {
                  setGb(event.target.value);
                }}
              />
            </label>
            <label className="settings-field">
              Age cap (days, 0 = forever)
              <input
                className="settings-input settings-input--number"
                data-testid="retention-max-days"
                inputMode="numeric"
                value={days}
                onChange={(event) => {
                  setDays(event.target.value);
                }}
              />
            </label>
            <button type="submit" className="button button--primary" data-testid="retention-save" disabled={busy}>
              Save caps
            </button>
          </form>

          <h3 className="settings-section__subtitle">Delete everything</h3>
          <p className="muted settings-section__lead">
            Deletes every run, span and log record and gives the space back to the disk. Your settings, prices and
            redaction patterns stay.
          </p>
          {!confirming ? (
            <button
              type="button"
              className="button button--danger"
              data-testid="delete-all-data"
              disabled={busy}
              onClick={() => {
                setConfirming(true);
              }}
            >
              Delete all data…
            </button>
          ) : (
            <form
              className="settings-row"
              data-testid="delete-all-confirm-form"
              onSubmit={(event) => {
                event.preventDefault();
                if (confirmText.trim() === DELETE_ALL_CONFIRMATION) void deleteAll();
              }}
            >
              <label className="settings-field">
                Type “{DELETE_ALL_CONFIRMATION}” to confirm
                <input
                  className="settings-input"
                  data-testid="delete-all-confirm-input"
                  autoFocus
                  value={confirmText}
                  onChange={(event) => {
                    setConfirmText(event.target.value);
                  }}
                />
              </label>
              <button
                type="submit"
                className="button button--danger"
                data-testid="delete-all-confirm"
                disabled={busy || confirmText.trim() !== DELETE_ALL_CONFIRMATION}
              >
                Delete everything
              </button>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setConfirming(false);
                  setConfirmText('');
                }}
              >
                Cancel
              </button>
            </form>
          )}
        </>
      )}
    </SettingsSectionFrame>
  );
}
