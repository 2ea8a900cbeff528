import { useEngineInfoQuery } from '../app/useEngineInfo';
import { useLiveState } from '../app/useLiveState';
import { CopyButton } from '../common/CopyButton';
import { SettingsLoadError, SettingsSectionFrame } from './SettingsSectionParts';

const LIVE_STATUS = {
  live: 'Receiving: the engine is up and this window gets its live updates.',
  connecting: 'Connecting to the engine…',
  reconnecting: 'The engine is not answering; reconnecting…',
} as const;

/** Where agents send their spans, with copy buttons, the engine's status and its start-up notes. */
export function EndpointsSection() {
  const { state, retry } = useEngineInfoQuery();
  const live = useLiveState();
  const info = state.status === 'ready' ? state.data : null;
  const uiBase = info === null ? null : info.uiUrl.split('#')[0]!;
  return (
    <SettingsSectionFrame
      id="endpoints"
      title="Endpoints"
      state={state.status}
      lead="Point any OpenTelemetry SDK here. The OTLP/HTTP endpoint is the SDKs' default, so a local agent usually needs no setting at all."
    >
      {state.status === 'error' && (
        <SettingsLoadError what="the engine's endpoints" error={state.error} onRetry={retry} />
      )}
      <p className={`status-box status-box--${live === 'live' ? 'success' : 'error'}`} data-testid="endpoints-status">
        <span className="status-box__text">{LIVE_STATUS[live]}</span>
      </p>
      {info && (
        <>
          <dl className="settings-facts">
            <Endpoint label="OTLP/HTTP" value={info.otlpHttpUrl} testId="endpoint-otlp-http" />
            <Endpoint label="OTLP/gRPC" value={info.otlpGrpcUrl} testId="endpoint-otlp-grpc" />
            <Endpoint label="Console (this UI)" value={uiBase ?? ''} testId="endpoint-ui" />
            <Endpoint
              label="Environment"
              value={`OTEL_EXPORTER_OTLP_ENDPOINT=${info.otlpHttpUrl}`}
              testId="endpoint-env"
            />
          </dl>
          <p className="muted">
            Traces go to <code>/v1/traces</code> and log events to <code>/v1/logs</code> under the OTLP/HTTP endpoint;
            metrics are accepted but not stored yet. The console needs its access token, which Loupe prints when it
            starts.
          </p>
          {info.notices.length > 0 && (
            <ul className="notice-box" data-testid="endpoints-notices">
              {info.notices.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </SettingsSectionFrame>
  );
}

function Endpoint({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="settings-facts__path">
        <code data-testid={testId}>{value}</code>
        <CopyButton text={value} what={label} />
      </dd>
    </>
  );
}
