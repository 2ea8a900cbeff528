import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { listenHttp } from '../../electron/engine/http/listen';
import { LOUPE_BIN } from '../helpers/serve-process';
import { makeTempDir } from '../helpers/temp-dir';

const tmp = makeTempDir();
afterAll(() => tmp.remove());

function loupe(...args: string[]) {
  const r = spawnSync(process.execPath, [LOUPE_BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, LOUPE_DATA_DIR: tmp.dir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('loupe CLI', () => {
  it.each([['--help'], ['serve', '--help'], ['runs', '--help'], ['run', '--help']])(
    '%s prints usage and exits 0',
    (...args) => {
      const r = loupe(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: loupe/);
    },
  );

  it('an unknown command or option is a usage error (exit 2) with a hint', () => {
    expect(loupe('bogus')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "bogus"') as string,
    });
    expect(loupe('runs', '--nope')).toMatchObject({ code: 2, stderr: expect.stringContaining('--nope') as string });
    expect(loupe('run', 'not-a-trace-id')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not a trace id') as string,
    });
    expect(loupe('serve', '--ui-port', '70000')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('port number') as string,
    });
  });

  it('runs --json on an empty data dir prints [] and run <unknown id> fails with exit 1', () => {
    const runs = loupe('runs', '--json');
    expect(runs.code).toBe(0);
    expect(JSON.parse(runs.stdout)).toEqual([]);
    const run = loupe('run', 'ab'.repeat(16));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no run with trace id');
  });

  it('serve on an explicitly chosen port that is taken fails with a plain-words error', async () => {
    const blocker = createServer();
    const port = await listenHttp(blocker, 0);
    try {
      const r = spawnSync(
        process.execPath,
        [
          LOUPE_BIN,
          'serve',
          '--data-dir',
          tmp.dir,
          '--otlp-http-port',
          String(port),
          '--otlp-grpc-port',
          '0',
          '--ui-port',
          '0',
        ],
        {
          encoding: 'utf8',
          timeout: 30_000,
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`port ${port} (OTLP/HTTP) is already in use by another program`);
    } finally {
      blocker.close();
    }
  });
});
