/**
 * Step fields a convention gives somewhere other than its main keys, and values no sender should
 * send: found by a review, each case failing before its fix.
 */
import { describe, expect, it } from 'vitest';
import { describeStep, summarizeStep } from '../../../../../electron/engine/genai/normalize-step';
import { spanInput } from '../../../../helpers/span-input';

// Every span starts at 2023-11-14T22:13:20.000Z (SPAN_INPUT_START_NS).
const span = spanInput;

describe('content not captured', () => {
  it('is said when both the input and the output are `<not specified>` placeholders (OpenLLMetry)', () => {
    const d = describeStep(
      span({
        'gen_ai.system': 'openai',
        'llm.request.type': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.prompt.0.role': 'user',
        'gen_ai.prompt.0.content': '<not specified>',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': '<not specified>',
      }),
    );
    expect(d).toMatchObject({ kind: 'llm', inputMessages: null, outputMessages: null, contentNotCaptured: true });
  });
});

describe('token counts', () => {
  it('takes a negative count as unknown, not as usage to subtract from the run', () => {
    const s = summarizeStep(
      span({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': -1000,
        'gen_ai.usage.output_tokens': 10,
        'gen_ai.usage.cache_read.input_tokens': -5,
        'gen_ai.usage.reasoning.output_tokens': -1,
      }),
    );
    expect(s).toMatchObject({ inputTokens: null, outputTokens: 10, cacheReadTokens: null, reasoningTokens: null });
  });
});

describe('finish reason', () => {
  it('reads the flattened era’s first completion (OpenLLMetry)', () => {
    const s = summarizeStep(
      span({
        'gen_ai.system': 'openai',
        'llm.request.type': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.completion.0.role': 'assistant',
        'gen_ai.completion.0.content': 'hi',
        'gen_ai.completion.0.finish_reason': 'stop',
      }),
    );
    expect(s.finishReason).toBe('stop');
  });

  it('falls back to the output message’s, when the span gives it only there (event era)', () => {
    const d = describeStep(
      span(
        { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' },
        {
          events: [
            {
              name: 'gen_ai.choice',
              attributes: {
                'gen_ai.system': 'openai',
                index: 0,
                finish_reason: 'length',
                message: { $kv: { role: 'assistant', content: 'cut off' } },
              },
            },
          ],
        },
      ),
    );
    expect(d.outputMessages?.[0]?.finish_reason).toBe('length');
    expect(d.finishReason).toBe('length');
  });
});

describe('Langfuse time to first token', () => {
  it('is the completion start minus the span start', () => {
    const attributes = {
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': 'gpt-4o',
      // As the Langfuse SDK writes it: JSON-encoded ISO text.
      'langfuse.observation.completion_start_time': '"2023-11-14T22:13:20.500Z"',
    };
    expect(summarizeStep(span(attributes)).timeToFirstTokenMs).toBe(500);
    expect(
      summarizeStep(span({ ...attributes, 'langfuse.observation.completion_start_time': 'not a time' }))
        .timeToFirstTokenMs,
    ).toBeNull();
    // Before the span started: not a time to first token.
    expect(
      summarizeStep(span({ ...attributes, 'langfuse.observation.completion_start_time': '2023-11-14T22:13:19Z' }))
        .timeToFirstTokenMs,
    ).toBeNull();
  });
});
