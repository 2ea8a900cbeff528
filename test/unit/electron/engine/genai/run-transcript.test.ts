/**
 * The Transcript builder: prefix dedupe across model calls, the system prompt once, tool results
 * not repeated, errors in time order, long texts cut; and the same over spans captured from a real
 * instrumentation library (test/fixtures/genai-captured/).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message, StepDetail } from '../../../../../shared/domain/step';
import type { ModelCallEntry, ToolCallEntry } from '../../../../../shared/domain/transcript';
import { describeStep } from '../../../../../electron/engine/genai/normalize-step';
import {
  MAX_TRANSCRIPT_TEXT,
  type TranscriptStepInput,
  buildRunTranscript,
} from '../../../../../electron/engine/genai/run-transcript';
import { describeCaptured, readCapturedSpans } from '../../../../helpers/captured-library';

const text = (role: string, t: string, extra: Partial<Message> = {}): Message => ({
  role,
  parts: [{ type: 'text', text: t }],
  tool_calls: [],
  ...extra,
});
const SYSTEM = text('system', 'You are a support agent.');
const QUESTION = text('user', 'Where is order A-1042?');
const CALL = {
  role: 'assistant',
  parts: [],
  tool_calls: [{ id: 'call_1', name: 'get_order', arguments: { id: 'A-1042' } }],
};
const RESULT: Message = {
  role: 'tool',
  parts: [{ type: 'tool_result', id: 'call_1', content: { carrier: 'DHL' } }],
  tool_calls: [],
  tool_call_id: 'call_1',
};
const ANSWER = text('assistant', 'It ships with DHL.', { finish_reason: 'stop' });

/** A step with no convention at all (every field unknown), then the given fields. */
function detail(fields: Partial<StepDetail>): StepDetail {
  const empty = describeStep({
    name: '',
    statusCode: 0,
    statusMessage: '',
    startNs: 0n,
    attributes: {},
    events: [],
    scopeName: '',
    resourceAttributes: {},
    logs: [],
  });
  return { ...empty, ...fields };
}

let clock = 0;
function step(spanId: string, fields: Partial<StepDetail>, at?: { start: number; end: number }): TranscriptStepInput {
  const start = at?.start ?? (clock += 10);
  return {
    spanId,
    name: spanId,
    status: fields.error ? 'error' : 'ok',
    startOffsetMs: start,
    endOffsetMs: at?.end ?? start + 5,
    detail: detail(fields),
  };
}
const llm = (id: string, input: Message[], output: Message[], extra: Partial<StepDetail> = {}) =>
  step(id, { kind: 'llm', requestModel: 'gpt-4o-mini', inputMessages: input, outputMessages: output, ...extra });

describe('buildRunTranscript', () => {
  beforeEach(() => {
    clock = 0;
  });

  it('shows each model call only the input messages no earlier call showed', () => {
    // The second call resends the history (system, question, tool call as it was output) plus the tool result.
    const t = buildRunTranscript([
      llm('a', [SYSTEM, QUESTION], [{ ...CALL, finish_reason: 'tool_call' }]),
      step('t', {
        kind: 'tool',
        toolName: 'get_order',
        toolCallId: 'call_1',
        toolArguments: { id: 'A-1042' },
        toolResult: { carrier: 'DHL' },
      }),
      llm('b', [SYSTEM, QUESTION, CALL, RESULT], [ANSWER]),
    ]);
    expect(t.system).toEqual({ spanId: 'a', parts: SYSTEM.parts });
    expect(t.entries.map((e) => `${e.type}:${e.step.spanId}`)).toEqual(['model-call:a', 'tool-call:t', 'model-call:b']);
    const [first, tool, second] = t.entries as [ModelCallEntry, ToolCallEntry, ModelCallEntry];
    expect(first.newInput).toEqual([QUESTION]);
    expect(first.output[0]!.tool_calls[0]!.name).toBe('get_order');
    expect(tool).toMatchObject({ toolName: 'get_order', arguments: { id: 'A-1042' }, result: { carrier: 'DHL' } });
    // The tool step showed the result: the second call adds nothing new to its input.
    expect(second.newInput).toEqual([]);
    expect(second.repeatedInput).toBe(3);
    expect(second.output).toEqual([ANSWER]);
    expect(second.newSystem).toBeNull();
  });

  it('keeps a tool result when no tool step showed it', () => {
    const t = buildRunTranscript([llm('a', [QUESTION], [CALL]), llm('b', [QUESTION, CALL, RESULT], [ANSWER])]);
    expect((t.entries[1] as ModelCallEntry).newInput).toEqual([RESULT]);
    expect((t.entries[1] as ModelCallEntry).repeatedInput).toBe(2);
  });

  it('dedupes against any earlier conversation, not only the previous call (interleaved sub-agents)', () => {
    const other = text('user', 'Summarize the ticket.');
    const summary = text('assistant', 'Customer wants a refund.');
    const t = buildRunTranscript([
      llm('a1', [QUESTION], [CALL]),
      llm('b1', [other], [summary]),
      llm('a2', [QUESTION, CALL, RESULT], [ANSWER]),
      llm('b2', [other, summary, text('user', 'Shorter.')], [text('assistant', 'Refund.')]),
    ]);
    const calls = t.entries as ModelCallEntry[];
    expect(calls.map((c) => c.newInput.length)).toEqual([1, 1, 1, 1]);
    expect(calls[3]!.newInput[0]!.parts).toEqual([{ type: 'text', text: 'Shorter.' }]);
  });

  it('a conversation that starts over shows its input whole', () => {
    const rate = text('user', 'Rate the tone from 1 to 5.');
    const t = buildRunTranscript([llm('a', [QUESTION], [ANSWER]), llm('b', [rate], [text('assistant', '4')])]);
    expect((t.entries[1] as ModelCallEntry).newInput).toEqual([rate]);
    expect((t.entries[1] as ModelCallEntry).repeatedInput).toBe(0);
  });

  it('shows the first system prompt at the top and a different later one on its call', () => {
    const judge = text('system', 'You grade answers.');
    const t = buildRunTranscript([
      llm('a', [SYSTEM, QUESTION], [ANSWER]),
      llm('b', [SYSTEM, QUESTION, ANSWER, text('user', 'Thanks')], [text('assistant', 'Welcome')]),
      llm('c', [judge, ANSWER], [text('assistant', '5')]),
    ]);
    expect(t.system?.parts).toEqual(SYSTEM.parts);
    const calls = t.entries as ModelCallEntry[];
    expect(calls[1]!.newSystem).toBeNull();
    expect(calls[2]!.newSystem).toEqual(judge.parts);
  });

  it('places errors in time order: a failed tool, a failed call, the agent at its end', () => {
    const t = buildRunTranscript([
      step('agent', { kind: 'agent', error: 'refund failed' }, { start: 0, end: 100 }),
      llm('a', [QUESTION], [CALL]),
      step('t', { kind: 'tool', toolName: 'refund', error: 'card processor timed out' }),
      llm('b', [QUESTION, CALL], [], { error: 'RateLimitError: 429' }),
      step('plain', { kind: 'chain', error: 'not shown' }),
    ]);
    expect(t.entries.map((e) => e.step.spanId)).toEqual(['a', 't', 'b', 'agent']);
    expect(t.entries[1]).toMatchObject({ type: 'tool-call', error: 'card processor timed out' });
    expect(t.entries[2]).toMatchObject({ type: 'model-call', error: 'RateLimitError: 429' });
    expect(t.entries[3]).toMatchObject({ type: 'agent-error', error: 'refund failed' });
  });

  it('says when a call was recorded without content, and counts steps left out', () => {
    const t = buildRunTranscript([step('x', { kind: 'llm', contentNotCaptured: true })], 42);
    expect(t.entries[0]).toMatchObject({ type: 'model-call', contentNotCaptured: true, newInput: [], output: [] });
    expect(t.stepsLeftOut).toBe(42);
  });

  it('cuts long texts and drops inline media bytes', () => {
    const long = 'x'.repeat(MAX_TRANSCRIPT_TEXT + 500);
    const t = buildRunTranscript([
      llm(
        'a',
        [
          {
            role: 'user',
            parts: [
              { type: 'text', text: long },
              { type: 'media', mime: 'image/png', data: 'AAAA' },
            ],
            tool_calls: [],
          },
        ],
        [],
      ),
      step('t', { kind: 'tool', toolName: 'dump', toolResult: { blob: long } }),
    ]);
    const parts = (t.entries[0] as ModelCallEntry).newInput[0]!.parts;
    expect(parts[0]).toMatchObject({ type: 'text' });
    expect((parts[0] as { text: string }).text).toHaveLength(
      MAX_TRANSCRIPT_TEXT + '… [500 more characters: open the step]'.length,
    );
    expect(parts[1]).toEqual({ type: 'media', mime: 'image/png' });
    expect(typeof (t.entries[1] as ToolCallEntry).result).toBe('string');
  });
});

describe('buildRunTranscript over a captured Vercel AI SDK run', () => {
  const steps = readCapturedSpans('vercel-ai').map((s, i) => ({
    spanId: String(i),
    name: s.name,
    status: 'ok' as const,
    startOffsetMs: i,
    endOffsetMs: i + 1,
    detail: describeCaptured(s),
  }));

  it('reads as: question, answer; question, tool call, tool result, answer — history never repeated', () => {
    const t = buildRunTranscript(steps);
    expect(t.system?.parts[0]).toMatchObject({ type: 'text', text: expect.stringContaining('weather assistant') });
    const calls = t.entries.filter((e): e is ModelCallEntry => e.type === 'model-call');
    const tools = t.entries.filter((e): e is ToolCallEntry => e.type === 'tool-call');
    expect(tools.map((e) => [e.toolName, e.toolCallId, e.arguments, e.result])).toEqual([
      ['get_weather', 'call_fake_001', { city: 'Paris' }, 'Sunny, 21°C in Paris'],
      ['get_weather', 'call_fake_002', { city: 'Paris' }, 'Sunny, 21°C in Paris'],
    ]);
    // The agent asks the same two questions twice (generate, then stream): only the first time is new input.
    expect(calls.map((c) => c.newInput.map((m) => m.role))).toEqual([['user'], ['user'], [], [], []]);
    expect(calls.map((c) => c.repeatedInput)).toEqual([0, 0, 3, 1, 3]);
    expect(calls.at(-1)!.output[0]!.parts[0]).toMatchObject({ text: 'Based on the tool result: Sunny, 21°C in Paris' });
  });
});
