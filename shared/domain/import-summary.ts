/** What an import of trace files reports (the engine's import, the CLI, the GUI's summary). */

export type ImportFormat = 'otlp-json' | 'otlp-json-lines' | 'otlp-protobuf' | 'otlp-protobuf-framed';

export interface ImportProblem {
  file: string;
  /** JSON Lines: the line (1-based). */
  line?: number;
  /** Protobuf: the byte offset of the message (in the decompressed content). */
  offset?: number;
  message: string;
}

export interface ImportFileResult {
  file: string;
  /** null when the file could not be read. */
  format: ImportFormat | null;
  gzip: boolean;
  spans: number;
  spansSkipped: number;
  logs: number;
  logsSkipped: number;
  rejected: number;
  problems: number;
  /** Why the file could not be read (or was read only in part), else null. */
  error: string | null;
}

export interface ImportSummary {
  files: number;
  /** Files that could not be read, or only in part (see perFile[].error). */
  failedFiles: number;
  /** Runs (traces) the imported spans belong to, new or already present. */
  runs: number;
  /** Their trace ids (the first MAX_LISTED_TRACE_IDS). */
  traceIds: string[];
  /** Spans newly stored. */
  spans: number;
  /** Spans already present (same trace and span id): an import never stores a span twice. */
  spansSkipped: number;
  logs: number;
  logsSkipped: number;
  /** Spans and log records left out as invalid (bad ids, times), each also reported as a problem. */
  rejected: number;
  /** Records that could not be read, with their line or offset (the first MAX_LISTED_PROBLEMS). */
  problems: ImportProblem[];
  problemsOmitted: number;
  /** Remarks that are not failures: OTLP metrics skipped, snake_case JSON keys accepted. */
  notes: string[];
  perFile: ImportFileResult[];
  /** A failure that stopped the import (the database refused a write), else null. */
  error: string | null;
  cancelled: boolean;
  seconds: number;
}

/** The summary before anything is read: every count 0, nothing listed. */
export function emptyImportSummary(files: number): ImportSummary {
  return {
    files,
    failedFiles: 0,
    runs: 0,
    traceIds: [],
    spans: 0,
    spansSkipped: 0,
    logs: 0,
    logsSkipped: 0,
    rejected: 0,
    problems: [],
    problemsOmitted: 0,
    notes: [],
    perFile: [],
    error: null,
    cancelled: false,
    seconds: 0,
  };
}

/** A file's result before it is read. */
export function emptyFileResult(file: string): ImportFileResult {
  return {
    file,
    format: null,
    gzip: false,
    spans: 0,
    spansSkipped: 0,
    logs: 0,
    logsSkipped: 0,
    rejected: 0,
    problems: 0,
    error: null,
  };
}
