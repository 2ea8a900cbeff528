import { statSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import type { Server as GrpcServer } from '@grpc/grpc-js';
import type { EngineInfo } from '../../shared/domain/engine-info';
import { createApiHandlers } from './api/api-handlers';
import { createApiHandler } from './api/api-server';
import { createExportDownloadRoute } from './api/export-download-route';
import { createImportUploadRoute } from './api/import-upload-route';
import { EXPORT_PATH, IMPORT_PATH } from '../../shared/api/exchange-routes';
import { toInsertBatch } from './ingest/to-insert-batch';
import { LiveEventsHub } from './api/live-events-hub';
import { loadOrCreateToken } from './config/auth-token';
import { resolveUiDir } from './config/ui-dir';
import { type PortRequest, bindWithFallback, listenHttp } from './http/listen';
import { bindGrpc, createOtlpGrpcServer } from './otlp/otlp-grpc-receiver';
import { createOtlpHttpHandler } from './otlp/otlp-http-receiver';
import { DATABASE_FILE, openDatabase } from './store/open-database';
import { DEFAULT_RETENTION, Retention, type RetentionPolicy } from './store/retention';
import { StorageAdmin } from './store/storage-admin';
import { PriceBook } from './pricing/price-book';
import { FleetQueries } from './store/fleet-queries';
import { SearchIndexer } from './store/search-indexer';
import { RunQueries } from './store/run-queries';
import { RunSearchQuery } from './store/run-search-query';
import { RunTranscriptQuery } from './store/run-transcript-query';
import { SpanWriter } from './store/span-writer';
import { WalCheckpointer } from './store/wal-checkpointer';
import { DecodePool } from './ingest/decode-pool';
import { Admission } from './ingest/admission';
import { RedactionSettings } from './redaction/redaction-settings';
import { Forwarder } from './forwarding/forwarder';
import { ForwardingSettings } from './forwarding/forwarding-settings';
import type { ForwardingStatus, ForwardingTarget } from '../../shared/domain/forwarding';
import { LOUPE_VERSION } from './version';

export const DEFAULT_PORTS = { otlpHttp: 4318, otlpGrpc: 4317, ui: 4320 } as const;

export interface EngineOptions {
  dataDir: string;
  /** undefined = the default port (falls back to a free one if taken); 0 = any free port. */
  otlpHttpPort?: number;
  otlpGrpcPort?: number;
  uiPort?: number;
  uiDir?: string;
  retention?: RetentionPolicy;
  /** Items allowed to wait for the writer before senders are told to retry. */
  maxQueuedItems?: number;
  /** OTLP payload bytes allowed in decoding and writing at once before senders are told to retry. */
  maxInflightBytes?: number;
  /** How long an OTLP/HTTP request body may pause before it is answered 408 (default 10 s). */
  otlpBodyIdleMs?: number;
  /** Threads decoding OTLP payloads beside the writer (default: cores - 1, at least 1); 0 = inline. */
  decodeThreads?: number;
  /** Relay everything received (after redaction) to this OTLP/HTTP endpoint; wins over Settings at start. */
  forwardTo?: ForwardingTarget & { timeoutMillis?: number };
  log?: (line: string) => void;
}

export interface Engine {
  info: EngineInfo;
  token: string;
  close(): Promise<void>;
}

const RETENTION_INTERVAL_MS = 5 * 60_000;
const FIRST_PRUNE_DELAY_MS = 2_000;

function portRequest(label: string, requested: number | undefined, fallback: number): PortRequest {
  return { label, port: requested ?? fallback, isDefault: requested === undefined };
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function closeGrpc(server: GrpcServer): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 2000);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Starts the headless engine: the SQLite store, the OTLP receivers (HTTP and gRPC) and the UI/API
 * server, all on 127.0.0.1. Used in-process by `loupe serve` and as the Electron utility process.
 */
export async function startEngine(opts: EngineOptions): Promise<Engine> {
  const log = opts.log ?? (() => {});
  const onError = (err: unknown): void =>
    log(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  const token = loadOrCreateToken(opts.dataDir);
  const db = openDatabase(opts.dataDir);
  const retention = new Retention(db);
  const storage = new StorageAdmin(db, join(opts.dataDir, DATABASE_FILE), retention);
  // An explicit option wins at start; then the caps saved in Settings; then the defaults.
  let retentionPolicy: RetentionPolicy = opts.retention ?? storage.storedRetention() ?? DEFAULT_RETENTION;
  const hub = new LiveEventsHub();
  const prices = new PriceBook(db);
  const writer = new SpanWriter(db, {
    pricer: prices.price,
    ...(opts.maxQueuedItems !== undefined ? { maxQueuedItems: opts.maxQueuedItems } : {}),
    onCommit: (traceIds) => hub.emit('runs-changed', { traceIds }),
  });
  const queries = new RunQueries(db);
  const checkpointer = new WalCheckpointer(db, join(opts.dataDir, DATABASE_FILE), {
    onError,
    holdWrites: () => writer.hold(),
  });
  const redaction = new RedactionSettings(db);
  const decoder = new DecodePool(opts.decodeThreads, onError, redaction.config());
  // Indexing yields to ingest: never while a write is queued, and not at all while ingest saturates
  // the writer or the decode threads.
  const searchIndexer = new SearchIndexer(
    db,
    {
      isQuiet: (quietMs) => writer.isQuiet(quietMs),
      writerBusyShare: () => writer.busyShare(),
      decodeBusyShare: () => decoder.busyShare(),
    },
    onError,
  );
  const forwardingSettings = new ForwardingSettings(db);
  const forwarder = new Forwarder(
    opts.forwardTo?.timeoutMillis !== undefined ? { timeoutMillis: opts.forwardTo.timeoutMillis } : {},
    onError,
  );
  if (opts.forwardTo) {
    forwarder.configure({ url: opts.forwardTo.url, headers: opts.forwardTo.headers }, 'cli');
  } else {
    const stored = forwardingSettings.load();
    if (stored.enabled) forwarder.configure(stored);
  }
  const pipeline = { writer, decoder, admission: new Admission(opts.maxInflightBytes), forwarder };
  const forwardingStatus = (): ForwardingStatus => {
    const status = forwarder.status();
    if (status.enabled) return status;
    // Off: show what the Settings toggle would turn back on.
    const stored = forwardingSettings.load();
    return { ...status, url: stored.url, headerNames: Object.keys(stored.headers) };
  };
  const notices: string[] = [];

  const otlpHttp = createServer(
    { keepAliveTimeout: 30_000, requestTimeout: 120_000 },
    createOtlpHttpHandler({
      pipeline,
      onError,
      ...(opts.otlpBodyIdleMs !== undefined ? { bodyIdleMs: opts.otlpBodyIdleMs } : {}),
    }),
  );
  const grpc = createOtlpGrpcServer({ pipeline, onError });
  let info: EngineInfo | null = null;
  const api = createServer(
    { keepAliveTimeout: 30_000 },
    createApiHandler({
      token,
      hub,
      version: LOUPE_VERSION,
      uiDir: opts.uiDir ?? resolveUiDir(),
      onError,
      streamRoutes: new Map([
        [
          IMPORT_PATH,
          createImportUploadRoute({
            importOptions: () => {
              const redactor = redaction.redactor();
              return { writer, decoder, toInsert: (batch) => toInsertBatch(batch, redactor) };
            },
          }),
        ],
        [EXPORT_PATH, createExportDownloadRoute({ db, queries, onError })],
      ]),
      handlers: createApiHandlers({
        queries,
        fleet: new FleetQueries(db),
        runTranscript: new RunTranscriptQuery(db),
        runSearch: new RunSearchQuery(db),
        prices,
        onPricesChanged: (recosted) => hub.emit('prices-changed', recosted),
        info: () => ({ ...info!, databaseBytes: databaseBytes(opts.dataDir), retention: { ...retentionPolicy } }),
        sample: {
          // Imported on first use: start-up does not pay for the OpenAI SDK and its instrumentation.
          load: async () => (await import('./sample/load-sample-runs')).loadSampleRuns(info!.otlpHttpUrl),
        },
        redaction,
        onRedactionChanged: (config) => decoder.setRedaction(config),
        forwarding: {
          status: forwardingStatus,
          set: ({ keepHeaders, ...config }) => {
            const saved = forwardingSettings.save(config, keepHeaders);
            forwarder.configure(saved.enabled ? saved : null);
            return forwardingStatus();
          },
        },
        storage: {
          info: () => storage.info(opts.dataDir, retentionPolicy),
          setRetention: (caps) => {
            retentionPolicy = storage.saveRetention(caps);
            prune();
            return { ...retentionPolicy };
          },
          deleteRuns: (traceIds) => {
            const deleted = storage.deleteRuns(traceIds);
            writer.forgetCachedIds();
            if (deleted.length > 0) hub.emit('runs-changed', { traceIds: deleted });
            return deleted;
          },
          deleteAll: () => {
            const result = storage.deleteAll();
            writer.forgetCachedIds();
            log(
              `deleted all data: ${String(result.runsDeleted)} runs, ${String(result.bytesBefore)} → ${String(result.bytesAfter)} bytes`,
            );
            hub.emit('runs-changed', { traceIds: [] });
            return result;
          },
        },
      }),
    }),
  );
  // A slow client must not hold the SSE stream's socket hostage: no request timeout on the API.
  api.requestTimeout = 0;

  const opened: Array<() => Promise<void>> = [];
  let pruneTimer: NodeJS.Timeout | undefined = undefined;
  let firstPruneTimer: NodeJS.Timeout | undefined = undefined;
  const close = async (): Promise<void> => {
    searchIndexer.stop();
    clearInterval(pruneTimer);
    clearTimeout(firstPruneTimer);
    hub.close();
    await Promise.all(opened.map((c) => c()));
    await writer.drain();
    await decoder.close();
    await forwarder.close();
    await checkpointer.close();
    db.close();
  };
  try {
    const httpBound = await bindWithFallback(portRequest('OTLP/HTTP', opts.otlpHttpPort, DEFAULT_PORTS.otlpHttp), (p) =>
      listenHttp(otlpHttp, p),
    );
    opened.push(() => closeHttp(otlpHttp));
    const grpcBound = await bindWithFallback(portRequest('OTLP/gRPC', opts.otlpGrpcPort, DEFAULT_PORTS.otlpGrpc), (p) =>
      bindGrpc(grpc, p),
    );
    opened.push(() => closeGrpc(grpc));
    const uiBound = await bindWithFallback(portRequest('UI', opts.uiPort, DEFAULT_PORTS.ui), (p) => listenHttp(api, p));
    opened.push(() => closeHttp(api));

    const otlpHttpUrl = `http://127.0.0.1:${httpBound.port}`;
    if (httpBound.notice) {
      notices.push(
        `${httpBound.notice} SDKs that use the default endpoint will not reach Loupe; set OTEL_EXPORTER_OTLP_ENDPOINT=${otlpHttpUrl}.`,
      );
    }
    if (grpcBound.notice) notices.push(grpcBound.notice);
    if (uiBound.notice) notices.push(uiBound.notice);
    const uiBase = `http://127.0.0.1:${uiBound.port}`;
    info = {
      version: LOUPE_VERSION,
      uiUrl: `${uiBase}/#token=${token}`,
      otlpHttpUrl,
      otlpGrpcUrl: `http://127.0.0.1:${grpcBound.port}`,
      dataDir: opts.dataDir,
      databaseBytes: 0,
      retention: { maxBytes: retentionPolicy.maxBytes, maxAgeDays: retentionPolicy.maxAgeDays },
      notices,
    };
  } catch (err) {
    await close().catch(() => {});
    throw err;
  }

  const prune = (): void => {
    try {
      const r = retention.prune(retentionPolicy);
      if (r.runsDeleted > 0) {
        log(`retention: deleted ${r.runsDeleted} old runs`);
        hub.emit('runs-changed', { traceIds: [] });
      }
    } catch (err) {
      onError(err);
    }
  };
  // The first prune waits a moment so start-up stays fast; then every few minutes.
  firstPruneTimer = setTimeout(prune, FIRST_PRUNE_DELAY_MS);
  firstPruneTimer.unref();
  pruneTimer = setInterval(prune, RETENTION_INTERVAL_MS);
  pruneTimer.unref();
  // Full-text search is indexed in the background, between writes.
  searchIndexer.start();

  return { info: { ...info, databaseBytes: databaseBytes(opts.dataDir) }, token, close };
}

function databaseBytes(dataDir: string): number {
  let total = 0;
  for (const suffix of ['', '-wal']) {
    try {
      total += statSync(join(dataDir, DATABASE_FILE + suffix)).size;
    } catch {
      // not there yet
    }
  }
  return total;
}
