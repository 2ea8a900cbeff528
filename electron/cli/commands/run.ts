import { formatDuration } from '../../../shared/format/format-duration';
import type { SpanRecord } from '../../../shared/domain/run';
import { resolveDataDir } from '../../engine/config/data-dir';
import { CliError } from '../cli-error';
import { parseOptions } from '../parse-options';
import { withRunQueries } from '../read-store';

export const runHelp = `Usage: loupe run <traceId> [options]

Shows one run with its spans, from a data dir (whether or not Loupe is running on it).

Options:
  --data-dir DIR   the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  --json           print {run, spans, logs} as JSON (exact nanosecond times as strings)
  -h, --help       show this help`;

export function runCommand(args: string[]): number {
  const { values, positionals } = parseOptions(
    args,
    { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
    true,
  );
  if (values.help) {
    console.log(runHelp);
    return 0;
  }
  const traceId = positionals[0]?.toLowerCase();
  if (!traceId || positionals.length > 1) throw new CliError('give exactly one trace id: loupe run <traceId>', 2);
  if (!/^[0-9a-f]{32}$/.test(traceId))
    throw new CliError(`"${positionals[0]}" is not a trace id (32 hex characters)`, 2);
  const detail = withRunQueries(resolveDataDir(values['data-dir']), (q) => q.getRun(traceId), null);
  if (!detail) throw new CliError(`no run with trace id ${traceId}`);
  if (values.json) {
    console.log(JSON.stringify(detail, null, 2));
    return 0;
  }
  const { run } = detail;
  console.log(`${run.name}  (${run.service || 'unknown service'})`);
  console.log(
    `trace ${run.traceId} · ${run.startTime} · ${formatDuration(run.durationMs)} · ${run.status} · ${run.spanCount} spans`,
  );
  console.log('');
  for (const line of spanTreeLines(detail.spans)) console.log(line);
  return 0;
}

/** Spans as an indented tree (children under parents, by start time); orphans at the top level. */
function spanTreeLines(spans: SpanRecord[]): string[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, SpanRecord[]>();
  for (const s of spans) {
    const parent = s.parentSpanId !== '' && ids.has(s.parentSpanId) ? s.parentSpanId : '';
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const walk = (parent: string, depth: number): void => {
    for (const s of children.get(parent) ?? []) {
      if (seen.has(s.spanId)) continue;
      seen.add(s.spanId);
      const status = s.statusCode === 2 ? '  ERROR' : '';
      lines.push(`${'  '.repeat(depth)}${s.name}  ${formatDuration(s.durationMs)}${status}`);
      walk(s.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines;
}
