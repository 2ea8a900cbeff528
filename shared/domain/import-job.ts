import type { ImportProblem, ImportSummary } from './import-summary';

/**
 * An import of files uploaded one after the other (by the renderer, or by the desktop shell for
 * File → Import…), told as events so one view shows both. File indices count within their job.
 */
export type ImportJobEvent =
  | { type: 'start'; jobId: string; files: { name: string; size: number }[] }
  | { type: 'progress'; jobId: string; index: number; bytesSent: number }
  | { type: 'file-done'; jobId: string; index: number; summary: ImportSummary }
  | { type: 'file-failed'; jobId: string; index: number; message: string };

export interface ImportJobFile {
  name: string;
  size: number;
  bytesSent: number;
  status: 'waiting' | 'importing' | 'done' | 'failed';
  summary: ImportSummary | null;
  /** Why the upload failed (the engine was unreachable, refused it). */
  error: string | null;
}

export interface ImportJob {
  id: string;
  files: ImportJobFile[];
}

/** The jobs on screen (until dismissed), oldest first. */
export type ImportJobs = readonly ImportJob[];

export function applyImportJobEvent(jobs: ImportJobs, event: ImportJobEvent): ImportJobs {
  if (event.type === 'start') {
    const files = event.files.map(
      (f): ImportJobFile => ({ ...f, bytesSent: 0, status: 'waiting', summary: null, error: null }),
    );
    return [...jobs.filter((j) => j.id !== event.jobId), { id: event.jobId, files }];
  }
  return jobs.map((job) => {
    if (job.id !== event.jobId || job.files[event.index] === undefined) return job;
    const files = job.files.map((f, i) => (i === event.index ? updateFile(f, event) : f));
    return { ...job, files };
  });
}

function updateFile(file: ImportJobFile, event: Exclude<ImportJobEvent, { type: 'start' }>): ImportJobFile {
  switch (event.type) {
    case 'progress':
      return {
        ...file,
        status: 'importing',
        bytesSent: Math.min(file.size, Math.max(file.bytesSent, event.bytesSent)),
      };
    case 'file-done':
      return { ...file, status: 'done', bytesSent: file.size, summary: event.summary };
    case 'file-failed':
      return { ...file, status: 'failed', error: event.message };
  }
}

export interface ImportOverview {
  running: boolean;
  files: number;
  /** Files finished (imported or failed). */
  finished: number;
  /** The file being uploaded, if any. */
  current: string | null;
  bytesSent: number;
  totalBytes: number;
  runs: number;
  spans: number;
  spansSkipped: number;
  logs: number;
  rejected: number;
  /** The first problems listed by the engine, and how many more there are. */
  problems: ImportProblem[];
  problemsMore: number;
  /** Files that could not be imported (or only in part), with why. */
  failures: { file: string; message: string }[];
  /** Trace ids of the imported runs (as far as the engine listed them). */
  traceIds: string[];
}

/** Everything on screen summed up: overall progress while running, the totals once done. */
export function importOverview(jobs: ImportJobs, maxProblems = 5): ImportOverview {
  const o: ImportOverview = {
    running: false,
    files: 0,
    finished: 0,
    current: null,
    bytesSent: 0,
    totalBytes: 0,
    runs: 0,
    spans: 0,
    spansSkipped: 0,
    logs: 0,
    rejected: 0,
    problems: [],
    problemsMore: 0,
    failures: [],
    traceIds: [],
  };
  for (const file of jobs.flatMap((j) => j.files)) {
    o.files++;
    o.totalBytes += file.size;
    o.bytesSent += file.bytesSent;
    if (file.status === 'waiting' || file.status === 'importing') {
      o.running = true;
      if (file.status === 'importing') o.current = file.name;
      continue;
    }
    o.finished++;
    if (file.error !== null) o.failures.push({ file: file.name, message: file.error });
    const s = file.summary;
    if (s === null) continue;
    o.runs += s.runs;
    o.spans += s.spans;
    o.spansSkipped += s.spansSkipped;
    o.logs += s.logs;
    o.rejected += s.rejected;
    o.traceIds.push(...s.traceIds);
    for (const p of s.problems) {
      if (o.problems.length < maxProblems) o.problems.push(p);
      else o.problemsMore++;
    }
    o.problemsMore += s.problemsOmitted;
    for (const f of s.perFile) if (f.error !== null) o.failures.push({ file: file.name, message: f.error });
    if (s.error !== null && !s.perFile.some((f) => f.error === s.error))
      o.failures.push({ file: file.name, message: s.error });
  }
  return o;
}

/** Where a problem is, for display: `traces.jsonl:12` or `traces.pb @ byte 4096`. */
export function problemPlace(p: ImportProblem): string {
  if (p.line !== undefined) return `${p.file}:${p.line}`;
  if (p.offset !== undefined) return `${p.file} @ byte ${p.offset}`;
  return p.file;
}

/** Checks an event that crossed a process boundary (the desktop shell's IPC). */
export function isImportJobEvent(value: unknown): value is ImportJobEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (typeof e.jobId !== 'string') return false;
  switch (e.type) {
    case 'start':
      return (
        Array.isArray(e.files) &&
        e.files.every(
          (f: unknown) =>
            typeof f === 'object' &&
            f !== null &&
            typeof (f as { name?: unknown }).name === 'string' &&
            typeof (f as { size?: unknown }).size === 'number',
        )
      );
    case 'progress':
      return typeof e.index === 'number' && typeof e.bytesSent === 'number';
    case 'file-done':
      return typeof e.index === 'number' && typeof e.summary === 'object' && e.summary !== null;
    case 'file-failed':
      return typeof e.index === 'number' && typeof e.message === 'string';
    default:
      return false;
  }
}

/**
 * Uploads files one after the other, telling each step as an event; a file that fails does not
 * stop the others. `upload` sends one file and resolves with the engine's summary.
 */
export async function runImportJob<F extends { name: string; size: number }>(
  jobId: string,
  files: readonly F[],
  upload: (file: F, onProgress: (bytesSent: number) => void) => Promise<ImportSummary>,
  emit: (event: ImportJobEvent) => void,
): Promise<void> {
  emit({ type: 'start', jobId, files: files.map((f) => ({ name: f.name, size: f.size })) });
  for (const [index, file] of files.entries()) {
    emit({ type: 'progress', jobId, index, bytesSent: 0 });
    try {
      const summary = await upload(file, (bytesSent) => {
        emit({ type: 'progress', jobId, index, bytesSent });
      });
      emit({ type: 'file-done', jobId, index, summary });
    } catch (err) {
      emit({ type: 'file-failed', jobId, index, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
