import { describe, expect, it } from 'vitest';
import {
  type ImportJobEvent,
  type ImportJobs,
  applyImportJobEvent,
  importOverview,
  isImportJobEvent,
  problemPlace,
  runImportJob,
} from '../../../../shared/domain/import-job';
import { type ImportSummary, emptyFileResult, emptyImportSummary } from '../../../../shared/domain/import-summary';

function summary(file: string, patch: Partial<ImportSummary> = {}): ImportSummary {
  return {
    ...emptyImportSummary(1),
    runs: 1,
    traceIds: [`${file}-trace`],
    spans: 8,
    perFile: [{ ...emptyFileResult(file), format: 'otlp-json-lines', spans: 8 }],
    seconds: 0.1,
    ...patch,
  };
}

const replay = (events: ImportJobEvent[]): ImportJobs => events.reduce(applyImportJobEvent, [] as ImportJobs);

describe('import job events and the overview', () => {
  it('shows overall progress over every file while running', () => {
    const jobs = replay([
      {
        type: 'start',
        jobId: 'a',
        files: [
          { name: 'one.jsonl', size: 100 },
          { name: 'two.jsonl', size: 300 },
        ],
      },
      { type: 'progress', jobId: 'a', index: 0, bytesSent: 100 },
      { type: 'file-done', jobId: 'a', index: 0, summary: summary('one.jsonl') },
      { type: 'progress', jobId: 'a', index: 1, bytesSent: 150 },
      // Out-of-range and stale events change nothing.
      { type: 'progress', jobId: 'a', index: 1, bytesSent: 20 },
      { type: 'progress', jobId: 'a', index: 7, bytesSent: 20 },
      { type: 'progress', jobId: 'other', index: 0, bytesSent: 20 },
    ]);
    expect(importOverview(jobs)).toMatchObject({
      running: true,
      files: 2,
      finished: 1,
      current: 'two.jsonl',
      bytesSent: 250,
      totalBytes: 400,
      spans: 8,
    });
  });

  it('sums the finished files, lists the first problems with "more", and names failures', () => {
    const problems = Array.from({ length: 4 }, (_, i) => ({ file: 'big.jsonl', line: i + 2, message: 'invalid JSON' }));
    const jobs = replay([
      { type: 'start', jobId: 'a', files: [{ name: 'big.jsonl', size: 10 }] },
      {
        type: 'file-done',
        jobId: 'a',
        index: 0,
        summary: summary('big.jsonl', { problems, problemsOmitted: 10, spansSkipped: 3 }),
      },
      {
        type: 'start',
        jobId: 'b',
        files: [
          { name: 'notes.txt', size: 5 },
          { name: 'gone.json', size: 5 },
        ],
      },
      {
        type: 'file-done',
        jobId: 'b',
        index: 0,
        summary: summary('notes.txt', {
          runs: 0,
          spans: 0,
          traceIds: [],
          failedFiles: 1,
          perFile: [{ ...summary('x').perFile[0]!, file: 'notes.txt', format: null, error: 'unknown format: text' }],
        }),
      },
      { type: 'file-failed', jobId: 'b', index: 1, message: 'Cannot reach the Loupe engine.' },
    ]);
    const o = importOverview(jobs, 3);
    expect(o).toMatchObject({ running: false, files: 3, finished: 3, runs: 1, spans: 8, spansSkipped: 3 });
    expect(o.problems.map(problemPlace)).toEqual(['big.jsonl:2', 'big.jsonl:3', 'big.jsonl:4']);
    expect(o.problemsMore).toBe(11);
    expect(o.failures).toEqual([
      { file: 'notes.txt', message: 'unknown format: text' },
      { file: 'gone.json', message: 'Cannot reach the Loupe engine.' },
    ]);
    expect(o.traceIds).toEqual(['big.jsonl-trace']);
  });

  it('names a protobuf problem by byte offset', () => {
    expect(problemPlace({ file: 'x.pb', offset: 4096, message: 'bad' })).toBe('x.pb @ byte 4096');
  });
});

describe('runImportJob', () => {
  it('uploads one file after the other; a failure does not stop the next', async () => {
    const events: ImportJobEvent[] = [];
    const order: string[] = [];
    await runImportJob(
      'j',
      [
        { name: 'a.jsonl', size: 4 },
        { name: 'b.jsonl', size: 4 },
        { name: 'c.jsonl', size: 4 },
      ],
      async (file, onProgress) => {
        order.push(`start ${file.name}`);
        await new Promise((r) => setTimeout(r, 5));
        onProgress(2);
        order.push(`end ${file.name}`);
        if (file.name === 'b.jsonl') throw new Error('refused');
        return summary(file.name);
      },
      (e) => events.push(e),
    );
    expect(order).toEqual([
      'start a.jsonl',
      'end a.jsonl',
      'start b.jsonl',
      'end b.jsonl',
      'start c.jsonl',
      'end c.jsonl',
    ]);
    const o = importOverview(replay(events));
    expect(o).toMatchObject({
      running: false,
      finished: 3,
      spans: 16,
      failures: [{ file: 'b.jsonl', message: 'refused' }],
    });
    expect(events.every(isImportJobEvent)).toBe(true);
  });

  it('isImportJobEvent refuses malformed events', () => {
    expect(isImportJobEvent({ type: 'start', jobId: 'x', files: [{ name: 1, size: 2 }] })).toBe(false);
    expect(isImportJobEvent({ type: 'progress', jobId: 'x', index: '0', bytesSent: 1 })).toBe(false);
    expect(isImportJobEvent({ type: 'boom', jobId: 'x' })).toBe(false);
    expect(isImportJobEvent(null)).toBe(false);
  });
});
