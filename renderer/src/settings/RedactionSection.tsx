import { useEffect, useState } from 'react';
import {
  type RedactionTestResult,
  type RedactionUserPattern,
  MAX_USER_PATTERNS,
  userPatternProblems,
} from '../../../shared/domain/redaction';
import { toApiError } from '../api/api-client';
import { useApiQuery } from '../api/useApiQuery';
import { useAppServices } from '../app/useAppServices';
import {
  SettingsLoadError,
  SettingsSectionFrame,
  type SettingsStatus,
  SettingsStatusBox,
} from './SettingsSectionParts';

type TestState = { kind: 'idle' } | { kind: 'ready'; result: RedactionTestResult } | { kind: 'error'; text: string };

const TEST_DEBOUNCE_MS = 200;
const NO_PATTERNS: readonly RedactionUserPattern[] = [];

/**
 * Settings › Redaction: secrets are replaced at ingest, before anything reaches the disk. On/off,
 * the built-in rules, the user's own patterns, and a box to try a value against them.
 */
export function RedactionSection() {
  const { api } = useAppServices();
  const { state, refresh, retry } = useApiQuery('getRedaction', {});
  const view = state.status === 'ready' ? state.data : null;
  const saved = view?.userPatterns ?? NO_PATTERNS;
  const [draft, setDraft] = useState<RedactionUserPattern[]>([]);
  const [status, setStatus] = useState<SettingsStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [testText, setTestText] = useState('');
  const [test, setTest] = useState<TestState>({ kind: 'idle' });

  // The editor starts from (and, until edited, follows) the stored patterns.
  const savedKey = JSON.stringify(saved);
  useEffect(() => {
    setDraft(JSON.parse(savedKey) as RedactionUserPattern[]);
  }, [savedKey]);
  const dirty = JSON.stringify(draft) !== savedKey;

  // The preview runs the draft patterns, so a pattern can be tried before it is saved.
  const draftKey = JSON.stringify(draft);
  useEffect(() => {
    if (testText === '') {
      setTest({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const userPatterns = JSON.parse(draftKey) as RedactionUserPattern[];
      api.call('testRedaction', { text: testText, userPatterns }, { signal: controller.signal }).then(
        (result) => {
          setTest({ kind: 'ready', result });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setTest({ kind: 'error', text: toApiError(error).message });
        },
      );
    }, TEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [api, testText, draftKey]);

  const save = async (config: { enabled: boolean; userPatterns: RedactionUserPattern[] }, done: string) => {
    setBusy(true);
    try {
      await api.call('setRedaction', config);
      setStatus({ kind: 'success', text: done });
      refresh();
    } catch (error) {
      setStatus({ kind: 'error', text: toApiError(error).message });
    } finally {
      setBusy(false);
    }
  };

  const update = (index: number, patch: Partial<RedactionUserPattern>) => {
    setDraft((rows) => rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  };

  return (
    <SettingsSectionFrame
      id="redaction"
      title="Redaction"
      state={state.status}
      lead={
        <>
          Secrets in what your agents send are replaced with <code>[REDACTED:rule]</code> as Loupe receives them, before
          anything is written to disk. Changes apply to data received from then on.
        </>
      }
    >
      {state.status === 'error' && (
        <SettingsLoadError what="the redaction settings" error={state.error} onRetry={retry} />
      )}
      <SettingsStatusBox status={status} testId="redaction-status" />
      {view && (
        <>
          <label className="checkbox settings-toggle">
            <input
              type="checkbox"
              data-testid="redaction-toggle"
              checked={view.enabled}
              disabled={busy}
              onChange={(event) => {
                const enabled = event.target.checked;
                void save(
                  { enabled, userPatterns: [...saved] },
                  enabled ? 'Redaction is on.' : 'Redaction is off: secrets received from now on are stored as sent.',
                );
              }}
            />
            Redact secrets at ingest
          </label>

          <h3 className="settings-section__subtitle">Built-in rules</h3>
          <ul className="redaction-rules" data-testid="redaction-builtins">
            {view.builtins.map((rule) => (
              <li key={rule.name}>
                <code>{rule.name}</code>
                <span className="muted">{rule.kind === 'key' ? ' (attribute name) ' : ' '}</span>
                {rule.description}
              </li>
            ))}
          </ul>

          <h3 className="settings-section__subtitle">Your patterns</h3>
          <p className="muted settings-section__lead">
            JavaScript regular expressions; every match becomes <code>[REDACTED:name]</code>. Start with{' '}
            <code>(?i)</code> to ignore case.
          </p>
          {draft.length === 0 && <p className="muted">No patterns of your own.</p>}
          {draft.map((row, index) => {
            const problems = userPatternProblems(row);
            return (
              // Rows have no stable id while being edited; the index is their identity.
              <div className="redaction-pattern" data-testid="redaction-pattern-row" key={index}>
                <input
                  className="settings-input"
                  aria-label="Pattern name"
                  placeholder="name"
                  data-testid="redaction-pattern-name"
                  value={row.name}
                  onChange={(event) => {
                    update(index, { name: event.target.value });
                  }}
                />
                <input
                  className="settings-input settings-input--wide"
                  aria-label="Regular expression"
                  placeholder="regular expression, e.g. ACME-[0-9]{6}"
                  data-testid="redaction-pattern-regex"
                  value={row.pattern}
                  onChange={(event) => {
                    update(index, { pattern: event.target.value });
                  }}
                />
                <button
                  type="button"
                  className="button button--quiet button--small"
                  data-testid="redaction-pattern-delete"
                  onClick={() => {
                    setDraft((rows) => rows.filter((_, i) => i !== index));
                  }}
                >
                  Delete
                </button>
                {problems.length > 0 && (row.name !== '' || row.pattern !== '') && (
                  <span className="error-text redaction-pattern__problems" data-testid="redaction-pattern-problems">
                    {problems.join('; ')}
                  </span>
                )}
              </div>
            );
          })}
          <div className="settings-row">
            <button
              type="button"
              className="button"
              data-testid="redaction-add-pattern"
              disabled={draft.length >= MAX_USER_PATTERNS}
              onClick={() => {
                setDraft((rows) => [...rows, { name: '', pattern: '' }]);
              }}
            >
              Add pattern
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="redaction-save"
              disabled={busy || !dirty}
              onClick={() => {
                void save({ enabled: view.enabled, userPatterns: draft }, 'Saved your patterns.');
              }}
            >
              Save patterns
            </button>
            {dirty && (
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  setDraft([...saved]);
                }}
              >
                Discard changes
              </button>
            )}
          </div>

          <h3 className="settings-section__subtitle">Test a value</h3>
          <p className="muted settings-section__lead">
            Runs the built-in rules and the patterns above (saved or not), even when redaction is off.
          </p>
          <textarea
            className="settings-input redaction-test__input"
            data-testid="redaction-test-input"
            aria-label="Value to test"
            placeholder="Paste a prompt, a header, a config line…"
            rows={3}
            value={testText}
            onChange={(event) => {
              setTestText(event.target.value);
            }}
          />
          <div className="redaction-test__output" data-testid="redaction-test-output" data-state={test.kind}>
            {test.kind === 'idle' && <span className="muted">The redacted value appears here.</span>}
            {test.kind === 'error' && <span className="error-text">{test.text}</span>}
            {test.kind === 'ready' && (
              <>
                <pre className="redaction-test__text">{test.result.redacted}</pre>
                <p className="muted" data-testid="redaction-test-matches">
                  {test.result.matches.length === 0
                    ? 'No rule matched.'
                    : `Matched: ${test.result.matches.map((m) => `${m.name} ×${String(m.count)}`).join(', ')}`}
                </p>
              </>
            )}
          </div>
        </>
      )}
    </SettingsSectionFrame>
  );
}
