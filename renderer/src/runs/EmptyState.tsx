import { CopyButton } from '../common/CopyButton';
import { LoadSampleRuns } from './LoadSampleRuns';

interface Recipe {
  id: 'python' | 'js';
  title: string;
  install: string;
  run: string;
}

const RECIPES: readonly Recipe[] = [
  {
    id: 'python',
    title: 'Python',
    install: 'pip install opentelemetry-distro opentelemetry-exporter-otlp\nopentelemetry-bootstrap -a install',
    run: 'opentelemetry-instrument python agent.py',
  },
  {
    id: 'js',
    title: 'JavaScript / TypeScript',
    install: 'npm install @opentelemetry/api @opentelemetry/auto-instrumentations-node',
    run: 'node --require @opentelemetry/auto-instrumentations-node/register agent.js',
  },
];

function envVarsFor(otlpHttpUrl: string): string {
  return [`export OTEL_EXPORTER_OTLP_ENDPOINT=${otlpHttpUrl}`, 'export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf'].join(
    '\n',
  );
}

/** Shown while no run has arrived: how to point an agent's OpenTelemetry exporter here. */
export function EmptyState({ otlpHttpUrl }: { otlpHttpUrl: string | null }) {
  const envVars = otlpHttpUrl === null ? null : envVarsFor(otlpHttpUrl);
  return (
    <div className="empty-state" data-testid="empty-state">
      <h2 className="empty-state__title">No runs yet</h2>
      <p className="empty-state__lead">
        Send your agent&apos;s OpenTelemetry traces to Loupe; each trace shows up here as a run the moment its spans
        arrive.
      </p>

      <div className="empty-state__endpoint">
        <span className="empty-state__label">OTLP/HTTP endpoint</span>
        <code data-testid="otlp-endpoint">{otlpHttpUrl ?? '…'}</code>
        <CopyButton text={otlpHttpUrl} what="OTLP endpoint" />
      </div>

      <LoadSampleRuns />

      <div className="empty-state__recipes">
        {RECIPES.map((recipe) => (
          <section className="recipe" key={recipe.id} data-testid="recipe" data-lang={recipe.id}>
            <h3 className="recipe__title">{recipe.title}</h3>
            <Snippet
              caption="Environment"
              text={envVars}
              what={`${recipe.title} environment variables`}
              testId="env-snippet"
            />
            <Snippet caption="Install" text={recipe.install} what={`${recipe.title} install command`} />
            <Snippet caption="Run" text={recipe.run} what={`${recipe.title} run command`} />
          </section>
        ))}
      </div>
    </div>
  );
}

function Snippet(props: { caption: string; text: string | null; what: string; testId?: string }) {
  return (
    <div className="snippet">
      <div className="snippet__head">
        <span className="snippet__caption">{props.caption}</span>
        <CopyButton text={props.text} what={props.what} />
      </div>
      <pre className="snippet__code" data-testid={props.testId}>
        {props.text ?? '…'}
      </pre>
    </div>
  );
}
