import { resolveDataDir } from './config/data-dir';
import { startEngine } from './engine';

/**
 * Entry of the engine when the Electron main process forks it as a utilityProcess. Configuration
 * comes from the environment (LOUPE_DATA_DIR, LOUPE_SQLITE_BINDING); it reports on the parent port:
 * `{type:'ready', info}` or `{type:'fatal', message}`, and stops on `{type:'shutdown'}`.
 * Never imports `electron`: `process.parentPort` is all it needs.
 */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const log = (line: string): void => console.error(`[engine] ${line}`);

function envPort(name: string): number | undefined {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : Number(v);
}

async function run(): Promise<void> {
  const engine = await startEngine({
    dataDir: resolveDataDir(undefined),
    otlpHttpPort: envPort('LOUPE_OTLP_HTTP_PORT'),
    otlpGrpcPort: envPort('LOUPE_OTLP_GRPC_PORT'),
    uiPort: envPort('LOUPE_UI_PORT'),
    log,
  });
  const { info, token } = engine;
  parentPort?.postMessage({
    type: 'ready',
    info: {
      uiUrl: info.uiUrl,
      otlpHttpUrl: info.otlpHttpUrl,
      otlpGrpcUrl: info.otlpGrpcUrl,
      dataDir: info.dataDir,
      token,
      notices: info.notices,
    },
  });
  for (const n of info.notices) log(n);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void engine.close().finally(() => process.exit(0));
  };
  parentPort?.on('message', (e) => {
    if ((e.data as { type?: string } | null)?.type === 'shutdown') stop();
  });
  process.on('SIGTERM', stop);
}

run().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  log(`fatal: ${message}`);
  parentPort?.postMessage({ type: 'fatal', message });
  process.exit(1);
});
