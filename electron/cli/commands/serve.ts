import { resolveDataDir } from '../../engine/config/data-dir';
import { PortInUseError } from '../../engine/http/listen';
import { startEngine } from '../../engine/engine';
import { type ForwardingTarget, forwardingUrlProblem } from '../../../shared/domain/forwarding';
import { CliError } from '../cli-error';
import { parseOptions, portOption } from '../parse-options';

export const serveHelp = `Usage: loupe serve [options]

Starts Loupe headless: the OTLP collector (HTTP and gRPC), the store and the UI, on 127.0.0.1.
Point any OpenTelemetry SDK at it with OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318.

Options:
  --data-dir DIR         where the database lives (default: $LOUPE_DATA_DIR, else the app-data folder)
  --otlp-http-port PORT  OTLP/HTTP port (default 4318; 0 = any free port)
  --otlp-grpc-port PORT  OTLP/gRPC port (default 4317; 0 = any free port)
  --ui-port PORT         UI and API port (default 4320; 0 = any free port)
  --forward-to URL       also relay everything received (after redaction) to this OTLP/HTTP endpoint,
                         e.g. http://collector:4318 (/v1/traces and /v1/logs are appended); wins over
                         the Settings toggle; local ingest never waits for it
  --forward-header K=V   a header for the upstream, e.g. Authorization=Bearer… (repeatable)
  --json                 print one line of JSON when ready: {uiUrl, otlpHttpUrl, otlpGrpcUrl, dataDir, token}
  -h, --help             show this help

A default port that is taken is replaced by a free one (with a notice); a port you chose that is
taken is an error. Ctrl-C stops Loupe cleanly.`;

export async function serveCommand(args: string[]): Promise<number | 'running'> {
  const { values } = parseOptions(args, {
    'data-dir': { type: 'string' },
    'otlp-http-port': { type: 'string' },
    'otlp-grpc-port': { type: 'string' },
    'ui-port': { type: 'string' },
    json: { type: 'boolean' },
    'forward-to': { type: 'string' },
    'forward-header': { type: 'string', multiple: true },
  });
  if (values.help) {
    console.log(serveHelp);
    return 0;
  }
  const dataDir = resolveDataDir(values['data-dir']);
  const json = values.json === true;
  const log = (line: string): void => console.error(`[loupe] ${line}`);
  const ports = {
    otlpHttpPort: portOption(values['otlp-http-port'], '--otlp-http-port'),
    otlpGrpcPort: portOption(values['otlp-grpc-port'], '--otlp-grpc-port'),
    uiPort: portOption(values['ui-port'], '--ui-port'),
  };
  const forwardTo = forwardOption(values['forward-to'], values['forward-header']);
  let engine;
  try {
    engine = await startEngine({ dataDir, ...ports, log, ...(forwardTo ? { forwardTo } : {}) });
  } catch (err) {
    if (err instanceof PortInUseError) throw new CliError(err.message);
    throw new CliError(`Loupe could not start: ${(err as Error).message}`);
  }
  const { info, token } = engine;
  if (forwardTo) log(`forwarding everything received (after redaction) to ${forwardTo.url}`);
  if (json) {
    for (const n of info.notices) log(n);
    console.log(
      JSON.stringify({
        uiUrl: info.uiUrl,
        otlpHttpUrl: info.otlpHttpUrl,
        otlpGrpcUrl: info.otlpGrpcUrl,
        dataDir: info.dataDir,
        token,
      }),
    );
  } else {
    for (const n of info.notices) console.log(`Note: ${n}`);
    console.log(`Loupe ${info.version} is running.

  Open the UI:  ${info.uiUrl}
  OTLP/HTTP:    ${info.otlpHttpUrl}   (OTEL_EXPORTER_OTLP_ENDPOINT=${info.otlpHttpUrl})
  OTLP/gRPC:    ${info.otlpGrpcUrl}
  Data dir:     ${info.dataDir}

Press Ctrl-C to stop.`);
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    engine.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log(`error while stopping: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return 'running';
}

/** `--forward-to URL` and its repeatable `--forward-header K=V`, validated (usage errors exit 2). */
export function forwardOption(url: string | undefined, headers: string[] | undefined): ForwardingTarget | undefined {
  if (url === undefined) {
    if (headers && headers.length > 0) throw new CliError('--forward-header needs --forward-to', 2);
    return undefined;
  }
  const problem = forwardingUrlProblem(url);
  if (problem) throw new CliError(`--forward-to: ${problem}`, 2);
  const out: Record<string, string> = {};
  for (const h of headers ?? []) {
    const eq = h.indexOf('=');
    const key = eq > 0 ? h.slice(0, eq).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(key)) {
      throw new CliError(`--forward-header must look like NAME=VALUE (got "${h.slice(0, 40)}")`, 2);
    }
    out[key] = h.slice(eq + 1);
  }
  return { url, headers: out };
}
