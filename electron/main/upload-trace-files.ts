import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
import { basename } from 'node:path';
import { IMPORT_FILE_NAME_HEADER, IMPORT_PATH, encodeFileNameHeader } from '../../shared/api/exchange-routes';
import type { ApiErrorBody } from '../../shared/api/errors';
import { type ImportJobEvent, runImportJob } from '../../shared/domain/import-job';
import type { ImportSummary } from '../../shared/domain/import-summary';

/** The engine's UI/API server: its origin (e.g. http://127.0.0.1:4320) and access token. */
export interface EngineEndpoint {
  origin: string;
  token: string;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Streams one file from disk to the engine's upload route (as the window would, with the token and
 * the engine's own Origin), reporting bytes sent; resolves with the import summary. Node only: the
 * desktop shell uses it for File → Import…, so the window never handles paths.
 */
export function uploadTraceFile(
  engine: EngineEndpoint,
  path: string,
  onProgress: (bytesSent: number) => void,
): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    let size: number;
    try {
      size = statSync(path).size;
    } catch (err) {
      reject(new Error(`cannot read the file: ${(err as Error).message}`));
      return;
    }
    const req = request(new URL(IMPORT_PATH, engine.origin), {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${engine.token}`,
        Origin: engine.origin,
        'Content-Type': 'application/octet-stream',
        'Content-Length': size,
        [IMPORT_FILE_NAME_HEADER]: encodeFileNameHeader(basename(path)),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          if (res.statusCode === 200) resolve(JSON.parse(text) as ImportSummary);
          else reject(new Error((JSON.parse(text) as ApiErrorBody).error.message));
        } catch {
          reject(new Error(`the engine answered ${String(res.statusCode)}`));
        }
      });
    });
    req.on('error', (err) => {
      reject(new Error(`cannot reach the Loupe engine: ${err.message}`));
    });
    const file = createReadStream(path);
    let sent = 0;
    let reported = 0;
    file.on('data', (chunk) => {
      sent += chunk.length;
      const now = Date.now();
      if (now - reported >= PROGRESS_INTERVAL_MS) {
        reported = now;
        onProgress(sent);
      }
    });
    file.on('error', (err) => {
      req.destroy();
      reject(new Error(`cannot read the file: ${err.message}`));
    });
    file.pipe(req);
  });
}

let jobs = 0;

/** Imports files one after the other through the engine, telling each step as an ImportJobEvent. */
export function importPathsThroughEngine(
  engine: EngineEndpoint,
  paths: readonly string[],
  emit: (event: ImportJobEvent) => void,
): Promise<void> {
  const files = paths.map((path) => {
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // Reported when it is uploaded.
    }
    return { path, name: basename(path), size };
  });
  const jobId = `shell-${String(Date.now())}-${String(++jobs)}`;
  return runImportJob(jobId, files, (file, onProgress) => uploadTraceFile(engine, file.path, onProgress), emit);
}
