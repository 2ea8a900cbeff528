#!/usr/bin/env node
// `npm start`: build everything, then open the desktop app (Electron). Where Electron cannot run —
// no display, no Electron binary, no better-sqlite3 build for Electron, or Electron dying at
// start-up — say why in plain words and run the same engine headless (`loupe serve`), which prints
// the UI's URL for a browser. LOUPE_HEADLESS=1 skips Electron on purpose.
//
// Extra arguments (`npm start -- --ui-port 5000`) are passed to `loupe serve` in headless mode.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqliteBinding } from './electron-native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Electron exiting with an error sooner than this after launch counts as "cannot run here". */
const EARLY_EXIT_MS = 3000;
/** First launch downloads the Electron binary; give it time, but never hang forever. */
const ELECTRON_RESOLVE_TIMEOUT_MS = 10 * 60_000;

const say = (line) => process.stdout.write(`[loupe] ${line}\n`);

async function main() {
  build();

  const electron = await prepareElectron();
  if (!electron.ok) return runHeadless(electron.reason);

  say(`mode: desktop app (Electron ${electron.version}).`);
  const launch = await launchElectron(electron.path, electron.binding);
  if (launch.early) return runHeadless(launch.reason);
  return launch.exitCode;
}

function build() {
  say('building (electron-vite build)…');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  if (!existsSync(bin)) fatal('electron-vite is not installed. Run `npm install` first.');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) fatal(`the build failed (exit code ${r.status ?? r.signal}); see the errors above.`);
}

/** @returns {Promise<{ ok: true, path: string, version: string, binding: string } | { ok: false, reason: string }>} */
async function prepareElectron() {
  const headless = (process.env.LOUPE_HEADLESS ?? '').trim().toLowerCase();
  if (headless !== '' && headless !== '0' && headless !== 'false') {
    return { ok: false, reason: 'LOUPE_HEADLESS is set, so the desktop window is skipped on purpose.' };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      ok: false,
      reason:
        'there is no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set — typical of SSH ' +
        'sessions, containers and CI), so a desktop window cannot open. To try the window anyway, run under ' +
        '`xvfb-run npm start` or from a desktop session.',
    };
  }

  const version = readJson(join(root, 'node_modules', 'electron', 'package.json'))?.version;
  if (!version) return { ok: false, reason: 'the "electron" package is not installed (run `npm install`).' };

  const binary = resolveElectronBinary();
  if (!binary.ok) return binary;

  say(`checking the better-sqlite3 build for Electron ${version}…`);
  const binding = await ensureElectronSqliteBinding({ root });
  if (!binding.path) {
    return {
      ok: false,
      reason:
        `the database driver (better-sqlite3) has no build for Electron ${version}'s ABI and one could not be ` +
        `made: ${binding.reason} The headless engine uses the build npm made for Node, which works.`,
    };
  }
  return { ok: true, path: binary.path, version, binding: binding.path };
}

/**
 * `require('electron')` from Node returns the Electron binary's path — and, since Electron 45,
 * downloads the binary on first use. Done in a child process with a time limit so a stuck
 * download cannot hang `npm start`.
 */
function resolveElectronBinary() {
  const marker = '@@LOUPE_ELECTRON_PATH@@';
  say('locating the Electron binary (the first launch downloads it)…');
  const r = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(${JSON.stringify(marker)} + require('electron'))`],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: ELECTRON_RESOLVE_TIMEOUT_MS,
    },
  );
  const out = r.stdout ?? '';
  const at = out.lastIndexOf(marker);
  const path = at === -1 ? '' : out.slice(at + marker.length).trim();
  if (r.status === 0 && path && existsSync(path)) return { ok: true, path };

  const detail = `${r.stderr ?? ''}\n${r.error?.message ?? ''}`;
  let why;
  if (r.error && /ETIMEDOUT|timed out/i.test(r.error.message)) why = 'downloading it took too long and was stopped';
  else if (
    /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|socket hang up|network/i.test(
      detail,
    )
  ) {
    why = 'downloading it failed because this machine cannot reach github.com';
  } else if (path) why = `the package points at ${path}, which does not exist`;
  else {
    const firstError = detail
      .split(/\r?\n/)
      .find((l) => /^\s*\w*Error\b/.test(l))
      ?.trim();
    why = `the download failed (${firstError || `exit code ${r.status ?? r.signal}`})`;
  }
  return {
    ok: false,
    reason:
      `the Electron binary is not installed: npm installs only Electron's JavaScript wrapper, and the app ` +
      `itself is fetched on first launch — here ${why}. Where the network allows, \`npx install-electron\` ` +
      'fetches it; an existing copy can be used with ELECTRON_OVERRIDE_DIST_PATH.',
  };
}

/**
 * Starts Electron on this checkout (package.json "main" → out/main/index.js). If it dies with an
 * error within EARLY_EXIT_MS, resolves `{ early: true, reason }` so the caller can fall back;
 * otherwise waits for it and resolves its exit code.
 */
function launchElectron(electronPath, binding) {
  const env = { ...process.env, LOUPE_SQLITE_BINDING: binding };
  delete env.ELECTRON_RUN_AS_NODE; // would make Electron behave as plain Node
  return new Promise((resolvePromise) => {
    const startedAt = Date.now();
    let early = true;
    let output = '';
    const child = spawn(electronPath, ['.'], { cwd: root, env, stdio: ['inherit', 'pipe', 'pipe'] });
    const tee = (target) => (chunk) => {
      target.write(chunk);
      if (early) output = (output + chunk.toString()).slice(-16_384);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    const stopForwarding = forwardSignals(child);
    const timer = setTimeout(() => {
      early = false;
      output = '';
    }, EARLY_EXIT_MS);

    child.on('error', (err) => {
      clearTimeout(timer);
      stopForwarding();
      resolvePromise({ early: true, reason: `Electron could not be started (${err.message}).` });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      stopForwarding();
      const failed = code !== 0;
      if (early && failed && !receivedSignal) {
        const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
        resolvePromise({ early: true, reason: explainEarlyExit(code, signal, output, seconds) });
        return;
      }
      if (early && code === 0)
        say('Electron exited at once; if Loupe was already open, its window was brought to the front.');
      resolvePromise({ early: false, exitCode: code ?? (signal ? 1 : 0) });
    });
  });
}

function explainEarlyExit(code, signal, output, seconds) {
  const status = signal ? `signal ${signal}` : `exit code ${code}`;
  let hint = '';
  if (/SUID sandbox helper|chrome-sandbox/i.test(output)) {
    hint =
      " Chromium's sandbox helper (node_modules/electron/dist/chrome-sandbox) needs to be owned by root with mode 4755, or unprivileged user namespaces must be enabled.";
  } else if (/as root without --no-sandbox/i.test(output)) {
    hint = ' Electron refuses to run as root; run npm start as a normal user.';
  } else if (/error while loading shared libraries/i.test(output)) {
    hint = ' A system library Electron needs is missing (install the GTK/NSS/X11 libraries a Chrome browser needs).';
  } else if (/Missing X server|cannot open display|Failed to connect to Wayland/i.test(output)) {
    hint = ' It could not connect to the display.';
  }
  const tail = lastLines(output, 3);
  return `Electron started but stopped after ${seconds} s with ${status}.${hint}${tail ? ` Its last words: "${tail}"` : ''}`;
}

let receivedSignal = false;

/** Passes Ctrl-C / termination on to the child (both handle a repeated signal idempotently). */
function forwardSignals(child) {
  const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => {
    const handler = () => {
      receivedSignal = true;
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    process.on(signal, handler);
    return [signal, handler];
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

function runHeadless(reason) {
  process.stdout.write(
    `\n[loupe] mode: headless. Not opening the desktop window because ${reason}\n` +
      '[loupe] Running the same engine with `loupe serve` instead: open the UI address it prints below in ' +
      'your browser. Agents export OTLP to it exactly as they would to the desktop app.\n\n',
  );
  const cli = join(root, 'bin', 'loupe.mjs');
  if (!existsSync(cli)) fatal('bin/loupe.mjs is missing, so the headless engine cannot start either.');
  return new Promise((resolvePromise) => {
    // The engine's V8 flags: see electron/engine/config/engine-node-flags.ts (a test keeps them equal).
    const engineNodeFlags = ['--initial-heap-size=256'];
    const child = spawn(process.execPath, [...engineNodeFlags, cli, 'serve', ...process.argv.slice(2)], {
      cwd: root,
      stdio: 'inherit',
    });
    const stopForwarding = forwardSignals(child);
    child.on('error', (err) => {
      stopForwarding();
      process.stderr.write(`[loupe] could not start \`loupe serve\`: ${err.message}\n`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => {
      stopForwarding();
      resolvePromise(code ?? (signal ? 1 : 0));
    });
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function lastLines(text, n) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-n)
    .join(' | ');
}

function fatal(message) {
  process.stderr.write(`[loupe] ${message}\n`);
  process.exit(1);
}

process.exitCode = await main();
