import { type Engine, type EngineOptions, startEngine } from '../../electron/engine/engine';
import { makeTempDir } from './temp-dir';

export interface TestEngine {
  engine: Engine;
  dataDir: string;
  /** e.g. http://127.0.0.1:43123 */
  otlpHttpUrl: string;
  /** host:port for gRPC clients */
  otlpGrpcUrl: string;
  /** e.g. http://127.0.0.1:43125 (without the token fragment) */
  uiBase: string;
  token: string;
  /** Calls an API method with the token, returning status and parsed body. */
  api: (method: string, input?: unknown) => Promise<{ status: number; body: unknown }>;
  /** The same as the UI calls it: with a same-origin `Origin` too, which sensitive methods need. */
  uiApi: (method: string, input?: unknown) => Promise<{ status: number; body: unknown }>;
  stop: () => Promise<void>;
}

/** Starts a real engine on any free ports with its own temp data dir. */
export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<TestEngine> {
  const tmp = makeTempDir();
  const engine = await startEngine({ dataDir: tmp.dir, otlpHttpPort: 0, otlpGrpcPort: 0, uiPort: 0, ...options });
  const uiBase = engine.info.uiUrl.split('/#')[0]!;
  const call = async (method: string, input: unknown, headers: Record<string, string>) => {
    const res = await fetch(`${uiBase}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${engine.token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };
  return {
    engine,
    dataDir: tmp.dir,
    otlpHttpUrl: engine.info.otlpHttpUrl,
    otlpGrpcUrl: engine.info.otlpGrpcUrl,
    uiBase,
    token: engine.token,
    api: (method, input = {}) => call(method, input, {}),
    uiApi: (method, input = {}) => call(method, input, { Origin: uiBase }),
    stop: async () => {
      await engine.close();
      tmp.remove();
    },
  };
}
