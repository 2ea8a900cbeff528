import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ENGINE_NODE_FLAGS } from '../../electron/engine/config/engine-node-flags';

export const LOUPE_BIN = fileURLToPath(new URL('../../bin/loupe.mjs', import.meta.url));

export interface ServeInfo {
  uiUrl: string;
  otlpHttpUrl: string;
  otlpGrpcUrl: string;
  dataDir: string;
  token: string;
}

export interface ServeProcess {
  info: ServeInfo;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far. */
  stderr: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop: () => Promise<number | null>;
  /** SIGKILL: no chance to clean up. */
  kill9: () => Promise<void>;
}

/** Runs `loupe serve --json` as a separate process on free ports and waits for its ready line. */
export function startServeProcess(
  dataDir: string,
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServeProcess> {
  // LOUPE_CPU_PROF_DIR: the engine writes a V8 CPU profile there when it exits (for benchmarks).
  const profileDir = process.env.LOUPE_CPU_PROF_DIR;
  const child = spawn(
    process.execPath,
    [
      // As Loupe's own launchers start the engine.
      ...ENGINE_NODE_FLAGS,
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      LOUPE_BIN,
      'serve',
      '--json',
      '--data-dir',
      dataDir,
      '--otlp-http-port',
      '0',
      '--otlp-grpc-port',
      '0',
      '--ui-port',
      '0',
      ...extraArgs,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<ServeProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`loupe serve did not become ready in 30 s. stderr:\n${stderr}`));
    }, 30_000);
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const info = JSON.parse(line) as ServeInfo;
        resolve({
          info,
          child,
          stderr: () => stderr,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      } catch {
        reject(new Error(`unexpected first line from loupe serve: ${line}\n${stderr}`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`loupe serve exited with ${code} before it was ready. stderr:\n${stderr}`));
    });
  });
}
