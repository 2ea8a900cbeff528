import { z } from 'zod';
import { apiMethods } from './methods';

/**
 * The two API routes that are not JSON methods, because their bodies stream: trace file upload
 * (`POST /api/import`, the file's raw bytes) and export download (`POST /api/export`, answered with
 * the OTLP file). Both need the token and a same-origin `Origin`, like every state-changing call.
 */
export const IMPORT_PATH = '/api/import';
export const EXPORT_PATH = '/api/export';

/** The uploaded file's name (URI-encoded: header values are Latin-1); it becomes the runs' source. */
export const IMPORT_FILE_NAME_HEADER = 'X-Loupe-File-Name';

/** Uploads stream into the import (memory never holds them); beyond this they are refused. */
export const MAX_IMPORT_UPLOAD_BYTES = 64 * 1024 ** 3;

/** Runs exported at most for one filter (the newest that match). */
export const MAX_EXPORT_RUNS = 100_000;

/** Response header of an export: how many runs it holds, and whether the filter matched more. */
export const EXPORT_RUNS_HEADER = 'X-Loupe-Export-Runs';
export const EXPORT_TRUNCATED_HEADER = 'X-Loupe-Export-Truncated';

export const EXPORT_FORMATS = ['otlp-json', 'otlp-jsonl'] as const;
/**
 * - `otlp-json`: one JSON document: an ExportTraceServiceRequest with every run's spans; when the
 *   runs have log records, the same object also carries `resourceLogs` (the field of
 *   ExportLogsServiceRequest). OTLP JSON readers ignore unknown fields, so it reads as either.
 * - `otlp-jsonl`: JSON Lines as the Collector's file exporter writes them: per run, one
 *   ExportTraceServiceRequest line, then one ExportLogsServiceRequest line if it has logs.
 */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_INFO: Record<ExportFormat, { label: string; extension: string; mediaType: string }> = {
  'otlp-json': { label: 'OTLP JSON', extension: 'json', mediaType: 'application/json' },
  'otlp-jsonl': { label: 'OTLP JSON Lines', extension: 'jsonl', mediaType: 'application/x-ndjson' },
};

const traceIdSchema = apiMethods.getRun.input.shape.traceId;

/** What to export: the runs named, or those matching a filter (the runs list's). */
export const exportRequestSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default('otlp-json'),
    traceIds: z.array(traceIdSchema).min(1).max(MAX_EXPORT_RUNS).optional(),
    filter: apiMethods.listRuns.input.shape.filter,
  })
  .strict()
  .refine((r) => (r.traceIds === undefined) !== (r.filter === undefined), {
    message: 'give either traceIds or filter',
  });

export type ExportRequest = z.input<typeof exportRequestSchema>;

/** The download's file name: `loupe-<trace id prefix>.json` for one run, `loupe-runs-<date>.jsonl` for more. */
export function exportFileName(request: Pick<ExportRequest, 'traceIds' | 'format'>, now: Date): string {
  const ext = EXPORT_FORMAT_INFO[request.format ?? 'otlp-json'].extension;
  const ids = request.traceIds ?? [];
  if (ids.length === 1) return `loupe-run-${ids[0]!.slice(0, 12)}.${ext}`;
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return `loupe-runs-${stamp}.${ext}`;
}

/** The upload name as sent in IMPORT_FILE_NAME_HEADER. */
export function encodeFileNameHeader(name: string): string {
  return encodeURIComponent(name);
}

/**
 * The upload name from IMPORT_FILE_NAME_HEADER, reduced to a plain file name (no folders, no
 * control characters, at most 200 characters); `upload` when missing or unusable.
 */
export function decodeFileNameHeader(value: string | undefined): string {
  let name = value ?? '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not URI-encoded: keep it as sent.
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\x00-\x1f\x7f]/g, '').trim();
  const cut = base.length > 200 ? base.slice(0, 200) : base;
  return cut === '' || cut === '.' || cut === '..' ? 'upload' : cut;
}
