#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI, once per (Electron version, platform, arch,
// better-sqlite3 version), into .cache/electron-native/<electron>-<platform>-<arch>/.
//
// Why: `npm install` builds better-sqlite3 for the Node that runs `npm test`. Electron embeds a
// different Node ABI, so the engine forked by Electron needs its own build. We build it from a
// temporary copy of the package so the Node build in node_modules is never touched, and the engine
// loads it through LOUPE_SQLITE_BINDING (better-sqlite3's `nativeBinding` option).
//
// Order of attempts: prebuild-install (downloads a prebuilt binary, no compiler needed), then
// node-gyp against Electron's headers. Both need the network the first time; set
// LOUPE_ELECTRON_NODEDIR to an unpacked Electron headers directory to build offline.
//
// Usage: `node scripts/electron-native.mjs` prints the binding's path on stdout (exit 0) or the
// reason it could not be built on stderr (exit 1). From code: `ensureElectronSqliteBinding()`.

import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BINDING_FILE = 'better_sqlite3.node';
const PREBUILD_TIMEOUT_MS = 2 * 60_000;
const GYP_TIMEOUT_MS = 20 * 60_000;
const NETWORK = 'the download failed: this machine cannot reach electronjs.org / github.com';
const OFFLINE_HINT = "To build offline, set LOUPE_ELECTRON_NODEDIR to an unpacked copy of Electron's C headers.";

/**
 * @typedef {{ path: string, reason: null, built: boolean } | { path: null, reason: string, built: false }} BindingResult
 */

/**
 * Ensures a better-sqlite3 binding built for Electron's ABI exists and returns its path, or
 * `path: null` with a plain-words reason. Never throws.
 *
 * @param {{ root?: string, electronVersion?: string, platform?: string, arch?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<BindingResult>}
 */
export async function ensureElectronSqliteBinding(options = {}) {
  const root = options.root ?? repoRoot;
  const log = options.log ?? ((line) => process.stderr.write(`[electron-native] ${line}\n`));
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  try {
    const require = createRequire(join(root, 'package.json'));
    const electronVersion = options.electronVersion ?? readVersion(require, 'electron');
    if (!electronVersion) return fail('the "electron" package is not installed (run npm install)');
    const sqliteVersion = readVersion(require, 'better-sqlite3');
    if (!sqliteVersion) return fail('the "better-sqlite3" package is not installed (run npm install)');
    const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));

    const targetDir = join(root, '.cache', 'electron-native', `${electronVersion}-${platform}-${arch}`);
    const target = join(targetDir, BINDING_FILE);
    const stampFile = join(targetDir, 'stamp.json');
    const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform, arch };
    if (isUpToDate(target, stampFile, stamp)) return { path: target, reason: null, built: false };

    mkdirSync(dirname(targetDir), { recursive: true });
    const workRoot = mkdtempSync(join(dirname(targetDir), 'build-'));
    try {
      const workDir = join(workRoot, 'better-sqlite3');
      // Everything but the Node-ABI build output: sources, deps (the SQLite amalgamation), lib.
      cpSync(sqliteDir, workDir, {
        recursive: true,
        filter: (src) => src !== join(sqliteDir, 'build') && src !== join(sqliteDir, 'prebuilds'),
      });
      const built = join(workDir, 'build', 'Release', BINDING_FILE);
      const env = buildEnv();

      const prebuild = await tryPrebuild({ require, workDir, electronVersion, platform, arch, env, log });
      if (prebuild.ok && hasFile(built)) {
        log(`downloaded a prebuilt better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`);
      } else {
        const noPrebuild = prebuild.reason ?? 'no binary produced';
        if (platform !== process.platform || arch !== process.arch) {
          return fail(
            `no prebuilt better-sqlite3 for Electron ${electronVersion} ${platform}-${arch} (${noPrebuild}), and cross-compiling is not supported`,
          );
        }
        const gyp = await tryNodeGyp({ require, workDir, electronVersion, arch, env, log });
        if (!gyp.ok || !hasFile(built)) {
          const why = gyp.reason ?? 'no binary produced';
          const hint = why === NETWORK || noPrebuild === NETWORK ? ` ${OFFLINE_HINT}` : '';
          return fail(
            `could not build better-sqlite3 for Electron ${electronVersion}: compiling with node-gyp failed (${why}), and no prebuilt binary was available (${noPrebuild}).${hint}`,
          );
        }
        log(`compiled better-sqlite3 ${sqliteVersion} for Electron ${electronVersion}`);
      }

      // Atomic install: parallel callers (e.g. test workers) never see a half-written file.
      mkdirSync(targetDir, { recursive: true });
      const tmp = `${target}.${process.pid}.tmp`;
      cpSync(built, tmp);
      renameSync(tmp, target);
      writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
      return { path: target, reason: null, built: true };
    } finally {
      rmSync(workRoot, { recursive: true, force: true });
    }
  } catch (err) {
    return fail(`unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** @returns {BindingResult} */
function fail(reason) {
  return { path: null, reason, built: false };
}

function readVersion(require, pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function hasFile(path) {
  try {
    return statSync(path).size > 0;
  } catch {
    return false;
  }
}

function isUpToDate(target, stampFile, stamp) {
  if (!hasFile(target) || !existsSync(stampFile)) return false;
  try {
    const old = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(stamp).every(([k, v]) => old[k] === v);
  } catch {
    return false;
  }
}

/**
 * The child environment without npm's build-redirecting config: `npm start` exports every npmrc
 * key as npm_config_*, and keys such as nodedir, target, runtime or disturl would make node-gyp
 * and prebuild-install build for plain Node instead of Electron. Proxy and TLS settings stay.
 */
function buildEnv() {
  const keep = new Set([
    'proxy',
    'https_proxy',
    'http_proxy',
    'noproxy',
    'no_proxy',
    'cafile',
    'ca',
    'strict_ssl',
    'local_address',
    'python',
    'msvs_version',
    'jobs',
  ]);
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower.startsWith('npm_config_') && !keep.has(lower.slice('npm_config_'.length).replaceAll('-', '_'))) continue;
    env[key] = value;
  }
  return env;
}

async function tryPrebuild({ require, workDir, electronVersion, platform, arch, env, log }) {
  let bin;
  try {
    const pkgJson = require.resolve('prebuild-install/package.json');
    bin = join(dirname(pkgJson), 'bin.js');
  } catch {
    return { ok: false, reason: 'prebuild-install is not installed' };
  }
  log(`looking for a prebuilt better-sqlite3 for Electron ${electronVersion} (${platform}-${arch})…`);
  const r = await run(
    process.execPath,
    [bin, '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`],
    {
      cwd: workDir,
      env,
      timeoutMs: PREBUILD_TIMEOUT_MS,
    },
  );
  return r.ok ? { ok: true, reason: null } : { ok: false, reason: explain(r) };
}

async function tryNodeGyp({ require, workDir, electronVersion, arch, env, log }) {
  let bin;
  try {
    bin = join(dirname(require.resolve('node-gyp/package.json')), 'bin', 'node-gyp.js');
  } catch {
    return { ok: false, reason: 'node-gyp is not installed (it normally comes with npm or electron-builder)' };
  }
  const args = [bin, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${arch}`, '--jobs=max'];
  const localHeaders = process.env.LOUPE_ELECTRON_NODEDIR;
  if (localHeaders) {
    args.push(`--nodedir=${localHeaders}`);
  } else {
    // Same header cache as @electron/rebuild, so either tool reuses the other's download.
    args.push('--dist-url=https://electronjs.org/headers', `--devdir=${join(homedir(), '.electron-gyp')}`);
  }
  log(`compiling better-sqlite3 for Electron ${electronVersion} with node-gyp (a minute or two, once)…`);
  const r = await run(process.execPath, args, { cwd: workDir, env, timeoutMs: GYP_TIMEOUT_MS });
  return r.ok ? { ok: true, reason: null } : { ok: false, reason: explain(r) };
}

/** Turns a failed child run into one line a person can act on. */
function explain(r) {
  if (r.timedOut) return 'timed out';
  if (r.spawnError) return r.spawnError;
  const out = r.output;
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|network/i.test(out)) {
    return NETWORK;
  }
  if (/\b404\b|not found/i.test(out) && /prebuild|No prebuilt binaries/i.test(out))
    return 'no prebuilt binary for this Electron version';
  if (
    /gyp ERR! find Python|gyp ERR! find VS|make: not found|not found: make|g\+\+: not found|cc: not found/i.test(out)
  ) {
    return 'no C++ toolchain (node-gyp needs Python, make and a C++20 compiler)';
  }
  const tail = out
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-3)
    .join(' | ');
  return `exited with code ${r.code ?? r.signal}${tail ? `: ${tail}` : ''}`;
}

/**
 * Runs a child; its output is echoed to stderr (this script's stdout is reserved for the path)
 * and the last 64 KiB are kept for the failure reason.
 */
function run(cmd, args, { cwd, env, timeoutMs }) {
  return new Promise((resolvePromise) => {
    let output = '';
    let timedOut = false;
    const keep = (chunk) => {
      process.stderr.write(chunk);
      output = (output + chunk.toString()).slice(-65_536);
    };
    let child;
    try {
      child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    } catch (err) {
      resolvePromise({ ok: false, code: null, signal: null, output, timedOut, spawnError: String(err) });
      return;
    }
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolvePromise({ ok: false, code: null, signal: null, output, timedOut, spawnError: err.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ ok: code === 0 && !timedOut, code, signal, output, timedOut, spawnError: null });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const result = await ensureElectronSqliteBinding();
  if (result.path) {
    process.stdout.write(`${result.path}\n`);
  } else {
    process.stderr.write(`[electron-native] ${result.reason}\n`);
    process.exitCode = 1;
  }
}
