import { useState } from 'react';
import { formatCount } from '../../../shared/format/format-count';
import { toApiError } from '../api/api-client';
import { useAppServices } from '../app/useAppServices';

type LoadState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; runs: number; spans: number }
  | { kind: 'error'; message: string };

/**
 * "Load sample runs": the engine runs its bundled agent, whose spans arrive like any agent's; the
 * runs list shows them through its live refresh (and this empty state goes away).
 */
export function LoadSampleRuns() {
  const { api } = useAppServices();
  const [state, setState] = useState<LoadState>({ kind: 'idle' });
  const load = async () => {
    setState({ kind: 'loading' });
    try {
      const { runs, spans } = await api.call('loadSampleRuns', {});
      setState({ kind: 'loaded', runs, spans });
    } catch (error) {
      setState({ kind: 'error', message: toApiError(error).message });
    }
  };
  return (
    <section className="sample-runs" data-testid="sample-runs" data-state={state.kind}>
      <div className="sample-runs__text">
        <h3 className="sample-runs__title">Just looking around?</h3>
        <p className="muted">
          Loupe can run a small bundled support agent for you: the OpenAI SDK traced by OpenInference&apos;s
          instrumentation, talking to a bundled fake model, exporting to the endpoint above. Six runs with tool calls, a
          failed tool, a three-turn session and their costs. Nothing leaves this machine.
        </p>
        {state.kind === 'error' && (
          <p className="error-text sample-runs__status" role="alert" data-testid="sample-runs-error">
            Could not load the sample runs: {state.message}
          </p>
        )}
        {state.kind === 'loaded' && (
          <p className="muted sample-runs__status" role="status">
            Sent {formatCount(state.runs)} runs ({formatCount(state.spans)} spans); they appear in a moment.
          </p>
        )}
      </div>
      <button
        type="button"
        className="button button--primary"
        data-testid="load-sample-runs"
        disabled={state.kind === 'loading'}
        aria-busy={state.kind === 'loading'}
        onClick={() => void load()}
      >
        {state.kind === 'loading' ? 'Loading sample runs…' : 'Load sample runs'}
      </button>
    </section>
  );
}
