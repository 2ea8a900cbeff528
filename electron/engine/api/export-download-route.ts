import type Database from 'better-sqlite3';
import {
  EXPORT_FORMAT_INFO,
  EXPORT_RUNS_HEADER,
  EXPORT_TRUNCATED_HEADER,
  MAX_EXPORT_RUNS,
  exportFileName,
  exportRequestSchema,
} from '../../../shared/api/exchange-routes';
import type { RunFilter } from '../../../shared/domain/run-filter';
import { UnknownRunsError, exportRuns } from '../exchange/export-runs';
import { readJsonInput } from '../http/read-json-input';
import { SECURITY_HEADERS } from '../http/static-files';
import type { RunQueries } from '../store/run-queries';
import { type StreamRoute, sendError } from './api-server';

export interface ExportDownloadDeps {
  db: Database.Database;
  queries: Pick<RunQueries, 'listRuns'>;
  onError?: (err: unknown) => void;
  /** Runs at most for one filter (default MAX_EXPORT_RUNS). */
  maxRuns?: number;
}

const REQUEST_LIMIT = 8 * 1024 * 1024;
const PAGE = 5000;

/** The newest runs matching `filter` (at most `max`), paging by cursor; `truncated` when more match. */
export function traceIdsMatching(
  queries: Pick<RunQueries, 'listRuns'>,
  filter: RunFilter,
  max: number,
): { traceIds: string[]; truncated: boolean } {
  const traceIds: string[] = [];
  let after: { startNs: string; traceId: string } | undefined;
  for (;;) {
    const page = queries.listRuns(Math.min(PAGE, max + 1 - traceIds.length), after, filter);
    for (const run of page) traceIds.push(run.traceId);
    if (traceIds.length > max) return { traceIds: traceIds.slice(0, max), truncated: true };
    const last = page[page.length - 1];
    if (page.length < PAGE || !last) return { traceIds, truncated: false };
    after = { startNs: last.startNs, traceId: last.traceId };
  }
}

/**
 * `POST /api/export` with `{format, traceIds}` or `{format, filter}`: answers the runs as an OTLP
 * JSON (or JSON Lines) file, streamed from the database one run at a time, as an attachment.
 */
export function createExportDownloadRoute(deps: ExportDownloadDeps): StreamRoute {
  const maxRuns = deps.maxRuns ?? MAX_EXPORT_RUNS;
  return async (req, res) => {
    const parsed = await readJsonInput(req, exportRequestSchema, {
      limit: REQUEST_LIMIT,
      requests: 'export requests',
      input: 'export request',
    });
    if ('error' in parsed) {
      sendError(res, 'bad_request', parsed.error);
      return;
    }
    const { format, traceIds: named, filter } = parsed.data;
    const { traceIds, truncated } =
      named !== undefined
        ? { traceIds: named, truncated: false }
        : traceIdsMatching(deps.queries, filter as RunFilter, maxRuns);
    if (traceIds.length === 0) {
      sendError(res, 'not_found', 'no runs match: nothing to export');
      return;
    }
    const info = EXPORT_FORMAT_INFO[format];
    const fileName = exportFileName({ format, traceIds }, new Date());
    const headers: Record<string, string> = {
      'Content-Type': `${info.mediaType}; charset=utf-8`,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
      [EXPORT_RUNS_HEADER]: String(traceIds.length),
      [EXPORT_TRUNCATED_HEADER]: truncated ? '1' : '0',
      ...SECURITY_HEADERS,
    };
    // Sent with the first bytes: an error before them (an unknown run) still gets a JSON answer.
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    try {
      await exportRuns(deps.db, traceIds, format, res);
      res.end();
    } catch (err) {
      if (!res.headersSent) {
        for (const k of Object.keys(headers)) res.removeHeader(k);
        if (err instanceof UnknownRunsError) {
          sendError(res, 'not_found', err.message);
          return;
        }
        throw err;
      }
      // Mid-stream: the download is cut, so the client sees a failed transfer rather than a short file.
      deps.onError?.(err);
      res.destroy();
    }
  };
}
