import { createInterface } from 'node:readline';
import { utilityProcess, type UtilityProcess } from 'electron';

/** What the engine posts on `process.parentPort` once it listens. */
export interface EngineReadyInfo {
  /** UI address, already carrying `#token=…`. */
  uiUrl: string;
  otlpHttpUrl: string;
  otlpGrpcUrl: string;
  dataDir: string;
  token: string;
  /** Plain-words start-up notes, e.g. a default port that was taken. */
  notices: string[];
}

export interface EngineSupervisorOptions {
  /** The engine bundle (out/main/engine.js). */
  entryPath: string;
  /** Full environment for the engine process. */
  env: Record<string, string>;
  onReady: (info: EngineReadyInfo) => void;
  /** Called when the engine keeps crashing; `retry()` starts over. */
  onGiveUp: (reason: string) => void;
  log?: (line: string) => void;
  /** Consecutive quick crashes tolerated before giving up. */
  maxQuickCrashes?: number;
  /** An exit sooner than this after start counts as a quick crash. */
  quickCrashMs?: number;
  /** An engine that has not said `ready` by then is killed and counted as a crash. */
  readyTimeoutMs?: number;
}

const STDERR_TAIL_LINES = 30;

/**
 * Runs the engine as an Electron utilityProcess and keeps it running: restarts it with
 * exponential backoff when it exits unexpectedly, and gives up after a run of quick crashes.
 */
export class EngineSupervisor {
  private child: UtilityProcess | null = null;
  private startedAt = 0;
  private quickCrashes = 0;
  private lastFatal: string | null = null;
  private stderrTail: string[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private readyTimer: NodeJS.Timeout | null = null;
  private stopping: Promise<void> | null = null;
  private readonly log: (line: string) => void;
  private readonly maxQuickCrashes: number;
  private readonly quickCrashMs: number;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: EngineSupervisorOptions) {
    this.log = options.log ?? ((line) => console.log(line));
    this.maxQuickCrashes = options.maxQuickCrashes ?? 4;
    this.quickCrashMs = options.quickCrashMs ?? 15_000;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping) return;
    this.clearTimers();
    this.lastFatal = null;
    this.stderrTail = [];
    this.startedAt = Date.now();
    const child = utilityProcess.fork(this.options.entryPath, [], {
      env: this.options.env,
      serviceName: 'loupe-engine',
      stdio: 'pipe',
    });
    this.child = child;
    this.forwardOutput(child.stdout, false);
    this.forwardOutput(child.stderr, true);

    child.on('spawn', () => this.log(`[loupe] engine started (pid ${child.pid ?? '?'})`));
    child.on('message', (message: unknown) => this.handleMessage(child, message));
    child.on('error', (type, location) => {
      this.lastFatal ??= `engine process error: ${type}${location ? ` at ${location}` : ''}`;
    });
    child.on('exit', (code) => this.handleExit(child, code));

    this.readyTimer = setTimeout(() => {
      if (this.child !== child) return;
      this.lastFatal = `the engine did not become ready within ${Math.round(this.readyTimeoutMs / 1000)} s`;
      child.kill();
    }, this.readyTimeoutMs);
  }

  /** After `onGiveUp`: forget the crash history and start again. */
  retry(): void {
    this.quickCrashes = 0;
    this.start();
  }

  /** Asks the engine to shut down cleanly; kills it after `timeoutMs`. Never restarts it. */
  stop(timeoutMs = 3000): Promise<void> {
    this.clearTimers();
    const child = this.child;
    if (!child) return Promise.resolve();
    if (this.stopping) return this.stopping;
    this.stopping = new Promise<void>((resolve) => {
      const killTimer = setTimeout(() => {
        this.log('[loupe] engine did not stop in time; killing it');
        child.kill();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(killTimer);
        resolve();
      });
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
      }
    });
    return this.stopping;
  }

  private handleMessage(child: UtilityProcess, message: unknown): void {
    if (this.child !== child || !isRecord(message)) return;
    if (message.type === 'ready') {
      const info = parseReadyInfo(message.info);
      if (!info) {
        this.lastFatal = 'the engine reported an invalid ready message';
        child.kill();
        return;
      }
      if (this.readyTimer) clearTimeout(this.readyTimer);
      this.readyTimer = null;
      this.log(
        `[loupe] engine ready: UI ${stripFragment(info.uiUrl)}, OTLP ${info.otlpHttpUrl} / ${info.otlpGrpcUrl}, data ${info.dataDir}`,
      );
      for (const notice of info.notices) this.log(`[loupe] engine notice: ${notice}`);
      this.options.onReady(info);
    } else if (message.type === 'fatal') {
      this.lastFatal = typeof message.message === 'string' ? message.message : 'the engine reported a fatal error';
      this.log(`[loupe] engine fatal: ${this.lastFatal}`);
      // The engine exits after a fatal report; make sure it does.
      setTimeout(() => {
        if (this.child === child) child.kill();
      }, 2000).unref();
    }
  }

  private handleExit(child: UtilityProcess, code: number): void {
    if (this.child !== child) return;
    this.child = null;
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.readyTimer = null;
    if (this.stopping) {
      this.log(`[loupe] engine stopped (exit code ${code})`);
      return;
    }
    const uptime = Date.now() - this.startedAt;
    this.quickCrashes = uptime < this.quickCrashMs ? this.quickCrashes + 1 : 1;
    const reason = this.describeExit(code);
    this.log(`[loupe] engine exited unexpectedly after ${Math.round(uptime / 100) / 10} s: ${reason}`);
    if (this.quickCrashes >= this.maxQuickCrashes) {
      this.log(`[loupe] engine crashed ${this.quickCrashes} times in a row; giving up`);
      this.options.onGiveUp(reason);
      return;
    }
    const delay = Math.min(500 * 2 ** (this.quickCrashes - 1), 10_000);
    this.log(`[loupe] restarting the engine in ${delay} ms`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      this.start();
    }, delay);
  }

  private describeExit(code: number): string {
    const head = this.lastFatal ?? `exit code ${code}`;
    const tail = this.stderrTail.slice(-8).join('\n');
    return tail && !this.lastFatal ? `${head}\n${tail}` : head;
  }

  private forwardOutput(stream: NodeJS.ReadableStream | null, isStderr: boolean): void {
    if (!stream) return;
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on('line', (line) => {
      const tagged = line.startsWith('[engine]') ? line : `[engine] ${line}`;
      if (isStderr) {
        this.stderrTail.push(line);
        if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
        process.stderr.write(`${tagged}\n`);
      } else {
        process.stdout.write(`${tagged}\n`);
      }
    });
  }

  private clearTimers(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.readyTimer) clearTimeout(this.readyTimer);
    this.restartTimer = null;
    this.readyTimer = null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Validates the engine's ready info; the window only ever loads an http URL on loopback. */
export function parseReadyInfo(value: unknown): EngineReadyInfo | null {
  if (!isRecord(value)) return null;
  const { uiUrl, otlpHttpUrl, otlpGrpcUrl, dataDir, token, notices } = value;
  if (
    typeof uiUrl !== 'string' ||
    typeof otlpHttpUrl !== 'string' ||
    typeof otlpGrpcUrl !== 'string' ||
    typeof dataDir !== 'string' ||
    typeof token !== 'string'
  ) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(uiUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  const noticeList = Array.isArray(notices) ? notices.filter((n): n is string => typeof n === 'string') : [];
  return { uiUrl, otlpHttpUrl, otlpGrpcUrl, dataDir, token, notices: noticeList };
}

/** The URL without its fragment, so the token never reaches a log. */
export function stripFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
