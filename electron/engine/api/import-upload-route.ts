import type { IncomingMessage } from 'node:http';
import {
  IMPORT_FILE_NAME_HEADER,
  MAX_IMPORT_UPLOAD_BYTES,
  decodeFileNameHeader,
} from '../../../shared/api/exchange-routes';
import type { ImportSummary } from '../../../shared/domain/import-summary';
import { type ImportOptions, importSources } from '../exchange/import-files';
import { ImportFileError, openImportStream } from '../exchange/read-import-file';
import { type StreamRoute, sendError, sendJson } from './api-server';

export interface ImportUploadDeps {
  /** The engine's writer, decode pool and current redaction, as for live ingest. */
  importOptions: () => Omit<ImportOptions, 'signal' | 'onProgress'>;
  /** Uploads larger than this are refused (default MAX_IMPORT_UPLOAD_BYTES). */
  maxBytes?: number;
}

/** The request body, counted, failing once it passes `limit` (a missing Content-Length is no way around it). */
async function* countedBody(req: IncomingMessage, limit: number, counter: { bytes: number }): AsyncGenerator<Buffer> {
  // Not destroyed when the import stops reading early: the rest is drained so the answer arrives.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    counter.bytes += chunk.length;
    if (counter.bytes > limit) throw new ImportFileError(`the upload is larger than ${limit} bytes`);
    yield chunk;
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const n = Number(req.headers['content-length']);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

/** Reads and discards what is left of the body, so the client (which is still sending) gets the answer. */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.readableEnded || req.destroyed) return;
  await new Promise<void>((resolve) => {
    req.on('end', resolve);
    req.on('close', resolve);
    req.on('error', () => resolve());
    req.resume();
  });
}

/**
 * `POST /api/import`: the body is one trace file's bytes (any format `loupe import` reads, gzip'd
 * or not), its name in IMPORT_FILE_NAME_HEADER. The bytes go straight into the streaming import as
 * they arrive (the upload is paced by the import: memory holds one record, never the file), and the
 * answer is the import summary. A client that goes away stops the import; what was stored stays,
 * and importing the file again adds only the rest.
 */
export function createImportUploadRoute(deps: ImportUploadDeps): StreamRoute {
  const limit = deps.maxBytes ?? MAX_IMPORT_UPLOAD_BYTES;
  return async (req, res) => {
    const size = declaredLength(req);
    if (size !== undefined && size > limit) {
      sendError(res, 'bad_request', `the file is larger than the ${limit}-byte upload limit`, { Connection: 'close' });
      return;
    }
    const name = decodeFileNameHeader(req.headers[IMPORT_FILE_NAME_HEADER.toLowerCase()] as string | undefined);
    const counter = { bytes: 0 };
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const summary: ImportSummary = await importSources(
      [
        {
          label: name,
          name,
          size: size ?? 0,
          open: () => {
            const body = countedBody(req, limit, counter);
            return openImportStream(body, {
              ...(size !== undefined ? { size } : {}),
              bytesRead: () => counter.bytes,
              close: () => void body.return(undefined),
            });
          },
        },
      ],
      { ...deps.importOptions(), signal: abort.signal },
    );
    if (abort.signal.aborted) return;
    if (counter.bytes > limit) {
      sendJson(res, 200, summary, { Connection: 'close' });
      return;
    }
    await drain(req);
    sendJson(res, 200, summary);
  };
}
