import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test } from '@playwright/test';

// The Electron shell end to end: the real main process forks the real engine, opens the sandboxed
// window on the engine's UI, and the runs page renders. Runs wherever an Electron binary is
// installed and a display is available (use xvfb-run on headless Linux); skipped elsewhere.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mainEntry = join(repoRoot, 'out', 'main', 'index.js');
const appVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * The Electron binary, found the way the `electron` package finds it — without calling
 * `require('electron')`, which (since Electron 45) starts a download when the binary is missing.
 */
function findElectronBinary(): { path: string } | { skip: string } {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { skip: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!override && !relative) {
    return {
      skip:
        'no Electron binary: node_modules/electron/path.txt is missing (Electron ≥45 downloads its binary on first ' +
        'launch; run `npx install-electron` where the network allows)',
    };
  }
  const binary = override ? join(override, relative ?? 'electron') : join(pkgDir, 'dist', relative ?? 'electron');
  return existsSync(binary) ? { path: binary } : { skip: `no Electron binary at ${binary}` };
}

function skipReason(): string | null {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY/WAYLAND_DISPLAY unset); run under xvfb-run to include the Electron spec';
  }
  const found = findElectronBinary();
  return 'skip' in found ? found.skip : null;
}

const reason = skipReason();
test.skip(reason !== null, reason ?? '');

let electronPath = '';
let sqliteBinding = '';

test.beforeAll(() => {
  test.setTimeout(20 * 60_000); // the first run may compile better-sqlite3 for Electron
  const found = findElectronBinary();
  if (!('path' in found)) throw new Error(found.skip);
  electronPath = found.path;
  if (!existsSync(mainEntry)) throw new Error(`${mainEntry} is missing: run \`npm run build\` before this spec.`);
  // The engine forked by Electron needs better-sqlite3 built for Electron's ABI; with a binary
  // present this must work, so a failure fails the spec rather than skipping it.
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'electron-native.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`no better-sqlite3 build for Electron: ${r.stderr.trim().split('\n').pop() ?? ''}`);
  sqliteBinding = r.stdout.trim();
});

test('opens the engine UI in a sandboxed window and shows the runs page', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-e2e-electron-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  Object.assign(env, {
    LOUPE_DATA_DIR: dataDir,
    LOUPE_SQLITE_BINDING: sqliteBinding,
    // Own ports, so this spec runs beside other engines.
    LOUPE_UI_PORT: '0',
    LOUPE_OTLP_HTTP_PORT: '0',
    LOUPE_OTLP_GRPC_PORT: '0',
  });

  const app = await _electron.launch({
    executablePath: electronPath,
    args: [mainEntry],
    cwd: repoRoot,
    env,
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow({ timeout: 60_000 });
    await expect(page.locator('[data-testid="runs-table"]')).toBeVisible({ timeout: 30_000 });

    // The window shows the engine's UI on loopback, token in the fragment, data in our data dir.
    const url = new URL(page.url());
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.hash).toMatch(/^#token=[^&]+/);
    expect(existsSync(join(dataDir, 'loupe.db'))).toBe(true);

    // Renderer isolation: no Node, only the three native helpers.
    const renderer = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      const native = g.loupeNative as Record<string, unknown> | undefined;
      return {
        require: typeof g.require,
        process: typeof g.process,
        nativeKeys: native ? Object.keys(native).sort() : null,
        appVersion: native?.appVersion,
        // setWindowOpenHandler denies every new window.
        windowOpen: window.open('about:blank') === null,
      };
    });
    expect(renderer).toEqual({
      require: 'undefined',
      process: 'undefined',
      nativeKeys: ['appVersion', 'openTraceFiles', 'revealDataDir'],
      appVersion,
      windowOpen: true,
    });
    expect(app.windows()).toHaveLength(1);

    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
