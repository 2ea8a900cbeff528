import { formatCount } from '../../../shared/format/format-count';
import { formatDuration } from '../../../shared/format/format-duration';
import { formatUsd } from '../../../shared/format/format-usd';
import type { RunStep } from '../../../shared/domain/step';
import { resolveDataDir } from '../../engine/config/data-dir';
import { CliError } from '../cli-error';
import { parseOptions } from '../parse-options';
import { withRunQueries } from '../read-store';

export const runHelp = `Usage: loupe run <traceId> [options]

Shows one run as steps (agent, LLM call, tool call…) with model, tokens, cost and timing, from a
data dir (whether or not Loupe is running on it).

Options:
  --data-dir DIR   the data dir (default: $LOUPE_DATA_DIR, else the app-data folder)
  --json           print {run, steps} as JSON: costUsd is null where unknown; steps carry messages,
                   tool calls, self time and the critical path (exact ns times as strings)
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
  const result = withRunQueries(resolveDataDir(values['data-dir']), (q) => q.getRunSteps(traceId), null);
  if (!result) throw new CliError(`no run with trace id ${traceId}`);
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  const { run } = result;
  console.log(`${run.name}  (${run.service || 'unknown service'})`);
  console.log(
    `trace ${run.traceId} · ${run.startTime} · ${formatDuration(run.durationMs)} · ${run.status} · ${run.spanCount} spans`,
  );
  console.log(
    `${run.llmCalls} LLM calls · ${run.toolCalls} tool calls · ${formatCount(run.inputTokens)} in / ` +
      `${formatCount(run.outputTokens)} out tokens · ${formatUsd(run.costUsd, { complete: run.costComplete })}` +
      (run.costComplete
        ? ''
        : ` (${run.unpricedCalls} model call${run.unpricedCalls === 1 ? '' : 's'} without a price)`),
  );
  console.log('');
  for (const line of stepTreeLines(result.steps)) console.log(line);
  return 0;
}

function stepLine(s: RunStep, depth: number): string {
  const bits = [
    `${'  '.repeat(depth)}${s.onCriticalPath ? '*' : ' '} ${s.name}`,
    `[${s.kind}]`,
    formatDuration(s.durationMs),
  ];
  if (s.model !== null) bits.push(s.model);
  if (s.inputTokens !== null || s.outputTokens !== null)
    bits.push(`${formatCount(s.inputTokens)}→${formatCount(s.outputTokens)} tok`);
  if (s.costSource === 'unknown') bits.push('no price');
  else if (s.costUsd !== null) bits.push(formatUsd(s.costUsd));
  if (s.toolName !== null && s.kind === 'tool') bits.push(`tool ${s.toolName}`);
  if (s.status === 'error') bits.push(`ERROR${s.error !== null ? `: ${s.error}` : ''}`);
  return bits.join('  ');
}

/** Steps as an indented tree (children under parents, by start time); orphans at the top level; * marks the critical path. */
function stepTreeLines(steps: RunStep[]): string[] {
  const ids = new Set(steps.map((s) => s.spanId));
  const children = new Map<string, RunStep[]>();
  for (const s of steps) {
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
      lines.push(stepLine(s, depth));
      walk(s.spanId, depth + 1);
    }
  };
  walk('', 0);
  return lines;
}
