import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../../../../electron/engine/sample/fake-model/openai-chat-wire';
import type { SampleConversation } from '../../../../../electron/engine/sample/sample-conversations';
import {
  UNSCRIPTED_ANSWER,
  sampleModelLatencyMs,
  sampleModelScript,
} from '../../../../../electron/engine/sample/sample-model-script';

const conversation: SampleConversation = {
  agent: 'support-agent',
  model: 'gpt-4o-mini',
  system: 'Be brief.',
  tools: ['lookup_order'],
  turns: [
    {
      user: 'Where is A-1?',
      toolCall: { name: 'lookup_order', arguments: { order_id: 'A-1' } },
      answer: 'A-1 ships today.',
    },
    { user: 'Thanks!', answer: 'You are welcome.' },
  ],
};
const script = sampleModelScript([conversation]);
const lookupOrder = { name: 'lookup_order', parameters: {} };

function request(messages: ChatRequest['messages'], tools = [lookupOrder]): ChatRequest {
  return { model: 'gpt-4o-mini', messages, tools };
}

describe('sampleModelScript', () => {
  it("calls the turn's tool first, then answers once the tool's result is in", () => {
    const asked = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Where is A-1?' },
    ];
    expect(script(request(asked))).toEqual({ kind: 'tool_call', name: 'lookup_order', arguments: { order_id: 'A-1' } });
    const answered = [
      ...asked,
      { role: 'assistant', content: null },
      { role: 'tool', content: '{"status":"packing"}' },
    ];
    expect(script(request(answered))).toEqual({ kind: 'text', text: 'A-1 ships today.' });
  });

  it('answers the latest user message of a longer conversation, without a tool when its turn has none', () => {
    const messages = [
      { role: 'user', content: 'Where is A-1?' },
      { role: 'assistant', content: null },
      { role: 'tool', content: '{}' },
      { role: 'assistant', content: 'A-1 ships today.' },
      { role: 'user', content: [{ type: 'text', text: 'Thanks!' }] },
    ];
    expect(script(request(messages))).toEqual({ kind: 'text', text: 'You are welcome.' });
  });

  it('answers without the tool when the request does not offer it, and says so for unknown messages', () => {
    expect(script(request([{ role: 'user', content: 'Where is A-1?' }], []))).toEqual({
      kind: 'text',
      text: 'A-1 ships today.',
    });
    expect(script(request([{ role: 'user', content: 'Tell me a joke' }]))).toEqual({
      kind: 'text',
      text: UNSCRIPTED_ANSWER,
    });
  });
});

describe('sampleModelLatencyMs', () => {
  it('is longer for the larger model and for longer answers, and capped', () => {
    const short = { text: 'ok' };
    const long = { text: 'x'.repeat(2000) };
    const mini = request([]);
    const large = { ...mini, model: 'gpt-4o' };
    expect(sampleModelLatencyMs(large, short)).toBeGreaterThan(sampleModelLatencyMs(mini, short));
    expect(sampleModelLatencyMs(mini, long)).toBeGreaterThan(sampleModelLatencyMs(mini, short));
    expect(sampleModelLatencyMs(large, { text: 'x'.repeat(100_000) })).toBe(1600);
  });
});
