import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatUsd } from '../../../shared/format/format-usd';
import { resolveDataDir } from '../../engine/config/data-dir';
import { parseOptions, positiveIntOption } from '../parse-options';
import { withRunQueries } from '../read-store';

export const runsHelp = `Usage: loupe runs [options]

Lists runs (one per trace), newest first, from a data dir (whether or not Loupe is running on it).

Options:
  --data-dir DIR   the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  --limit N        how many runs (default 50)
  --json           print a JSON array of {traceId, name, service, startTime, durationMs, status, spanCount,
                   llmCalls, toolCalls, inputTokens, outputTokens, costUsd, costComplete, ...}
  -h, --help       show this help`;

export function runsCommand(args: string[]): number {
  const { values } = parseOptions(args, {
    'data-dir': { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    console.log(runsHelp);
    return 0;
  }
  const limit = positiveIntOption(values.limit, '--limit', 50);
  const runs = withRunQueries(resolveDataDir(values['data-dir']), (q) => q.listRuns(Math.min(limit, 100_000)), []);
  if (values.json) {
    console.log(JSON.stringify(runs, null, 2));
    return 0;
  }
  if (runs.length === 0) {
    console.log(
      'No runs yet. Point an OpenTelemetry SDK at Loupe (OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318).',
    );
    return 0;
  }
  const rows = runs.map((r) => [
    r.startTime.replace('T', ' ').replace('Z', ''),
    formatDuration(r.durationMs),
    r.status,
    String(r.spanCount),
    String(r.llmCalls),
    formatCount(r.inputTokens + r.outputTokens),
    formatUsd(r.costUsd, { complete: r.costComplete }),
    r.service,
    r.name,
    r.traceId,
  ]);
  printTable(
    ['START (UTC)', 'DURATION', 'STATUS', 'SPANS', 'LLM', 'TOKENS', 'COST', 'SERVICE', 'NAME', 'TRACE ID'],
    rows,
  );
  return 0;
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min((r[i] ?? '').length, 48))));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (c.length > 48 ? `${c.slice(0, 47)}…` : c).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}
