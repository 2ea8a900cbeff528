/** Collapsing, search matching with ancestors revealed, moving between matches and errors, tab URLs. */
import { describe, expect, it } from 'vitest';
import type { RunStep } from '../../../../../shared/domain/step';
import { parentIndexes, revealRows, visibleRows } from '../../../../../renderer/src/run-view/collapsed-rows';
import { runTabAfter, runTabSuffix, splitRunPath } from '../../../../../renderer/src/run-view/run-tabs';
import {
  matchingRowIndexes,
  normalizeRunQuery,
  stepNameMatches,
} from '../../../../../renderer/src/run-view/run-search';
import { errorRowIndexes, markedPosition, nextMarkedIndex } from '../../../../../renderer/src/run-view/step-navigation';
import { type StepRow, buildStepRows } from '../../../../../renderer/src/run-view/step-rows';
import { parseRoute, routeToHash } from '../../../../../renderer/src/routing/route';
import { runStep } from '../../../../helpers/run-step';

const step = (spanId: string, parentSpanId: string, startMs: number, fields: Partial<RunStep> = {}) =>
  runStep(spanId, parentSpanId, startMs, 10, fields);

/**
 * agent
 *   chat (gpt-4o-mini)
 *   tools
 *     get_order (tool, error)
 *     refund (tool)
 *   chat (acme-7b, error)
 */
const rows: StepRow[] = buildStepRows([
  step('agent', '', 0, { kind: 'agent' }),
  step('chat1', 'agent', 1, { kind: 'llm', name: 'chat', model: 'gpt-4o-mini' }),
  step('tools', 'agent', 2),
  step('t1', 'tools', 3, { kind: 'tool', name: 'execute_tool', toolName: 'get_order', status: 'error' }),
  step('t2', 'tools', 4, { kind: 'tool', name: 'execute_tool', toolName: 'refund' }),
  step('chat2', 'agent', 5, { kind: 'llm', name: 'chat', model: 'acme-7b', status: 'error' }),
]);
const ids = (list: readonly StepRow[]) => list.map((r) => r.span.spanId);

describe('collapsing', () => {
  it('hides the descendants of collapsed rows, and only those', () => {
    expect(ids(rows)).toEqual(['agent', 'chat1', 'tools', 't1', 't2', 'chat2']);
    expect(ids(visibleRows(rows, new Set(['tools'])))).toEqual(['agent', 'chat1', 'tools', 'chat2']);
    expect(ids(visibleRows(rows, new Set(['agent'])))).toEqual(['agent']);
    // A leaf cannot be collapsed.
    expect(ids(visibleRows(rows, new Set(['chat1'])))).toEqual(ids(rows));
  });

  it('finds each row’s parent from depths', () => {
    expect([...parentIndexes(rows)]).toEqual([-1, 0, 0, 2, 2, 0]);
  });

  it('reveals rows by expanding their collapsed ancestors, keeping the set when nothing hid them', () => {
    const parents = parentIndexes(rows);
    const collapsed = new Set(['agent', 'tools', 'chat2']);
    expect([...revealRows(rows, parents, collapsed, [3])].sort()).toEqual(['chat2']);
    expect([...revealRows(rows, parents, collapsed, [1])].sort()).toEqual(['chat2', 'tools']);
    const none = new Set(['tools']);
    expect(revealRows(rows, parents, none, [1, 5])).toBe(none);
  });
});

describe('search within a run', () => {
  it('matches names, models and tool names, every word, ignoring case', () => {
    const q = (text: string) => normalizeRunQuery(text)!;
    expect(stepNameMatches({ name: 'chat', model: 'gpt-4o-mini', toolName: null }, q(' GPT-4o '))).toBe(true);
    expect(stepNameMatches({ name: 'execute_tool', model: null, toolName: 'get_order' }, q('execute order'))).toBe(
      true,
    );
    expect(stepNameMatches({ name: 'execute_tool', model: null, toolName: 'get_order' }, q('execute refund'))).toBe(
      false,
    );
    expect(normalizeRunQuery('   ')).toBeNull();
  });

  it('combines name matches with the engine’s text matches, in tree order', () => {
    expect(matchingRowIndexes(rows, 'get_order', new Set())).toEqual([3]);
    expect(matchingRowIndexes(rows, 'dhl', new Set(['chat2', 'chat1']))).toEqual([1, 5]);
    expect(matchingRowIndexes(rows, 'refund', new Set(['t1']))).toEqual([3, 4]);
    expect(matchingRowIndexes(rows, null, new Set(['t1']))).toEqual([]);
  });
});

describe('moving between marked steps', () => {
  const marked = [1, 3, 5];

  it('goes to the next or previous one, wrapping at the ends', () => {
    expect(nextMarkedIndex(marked, null, 1)).toBe(1);
    expect(nextMarkedIndex(marked, null, -1)).toBe(5);
    expect(nextMarkedIndex(marked, 1, 1)).toBe(3);
    expect(nextMarkedIndex(marked, 2, 1)).toBe(3);
    expect(nextMarkedIndex(marked, 5, 1)).toBe(1);
    expect(nextMarkedIndex(marked, 3, -1)).toBe(1);
    expect(nextMarkedIndex(marked, 4, -1)).toBe(3);
    expect(nextMarkedIndex(marked, 1, -1)).toBe(5);
    expect(nextMarkedIndex([], 2, 1)).toBeNull();
  });

  it('tells the position of the selected step among them', () => {
    expect(markedPosition(marked, 3)).toBe(2);
    expect(markedPosition(marked, 4)).toBeNull();
    expect(markedPosition(marked, null)).toBeNull();
  });

  it('lists the failed steps', () => {
    expect(errorRowIndexes(rows)).toEqual([3, 5]);
  });
});

describe('run tabs in the URL', () => {
  it('keeps the tab after the trace id; the timeline has no suffix', () => {
    expect(splitRunPath('abc/transcript')).toEqual({ encodedTraceId: 'abc', tab: 'transcript' });
    expect(splitRunPath('abc/timeline')).toEqual({ encodedTraceId: 'abc', tab: 'timeline' });
    expect(splitRunPath('abc')).toEqual({ encodedTraceId: 'abc', tab: 'timeline' });
    expect(splitRunPath('abc/other')).toEqual({ encodedTraceId: 'abc/other', tab: 'timeline' });
    expect(runTabSuffix('timeline')).toBe('');
    expect(runTabAfter('timeline', 1)).toBe('transcript');
    expect(runTabAfter('timeline', -1)).toBe('transcript');
  });

  it('round-trips through the route', () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    expect(parseRoute(`#/run/${traceId}/transcript`)).toEqual({ page: 'run', traceId, tab: 'transcript' });
    expect(routeToHash({ page: 'run', traceId, tab: 'transcript' })).toBe(`#/run/${traceId}/transcript`);
    expect(routeToHash({ page: 'run', traceId, tab: 'timeline' })).toBe(`#/run/${traceId}`);
    expect(parseRoute(routeToHash({ page: 'run', traceId: 'a/b', tab: 'transcript' }))).toEqual({
      page: 'run',
      traceId: 'a/b',
      tab: 'transcript',
    });
  });
});
