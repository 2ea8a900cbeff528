import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../../shared/domain/step';
import {
  buildTranscript,
  isEmptyMessage,
  mediaLabel,
  roleLabel,
  roleTone,
} from '../../../../../renderer/src/run-view/chat-transcript';

const system = [{ type: 'text' as const, text: 'Be brief.' }];
const user: Message = { role: 'user', parts: [{ type: 'text', text: 'Hi' }], tool_calls: [] };
const answer: Message = {
  role: 'assistant',
  parts: [],
  tool_calls: [{ id: 'call_1', name: 'get_order', arguments: { id: 1 } }],
  finish_reason: 'tool_call',
};

describe('buildTranscript', () => {
  it('lists system instructions, input, then output', () => {
    const entries = buildTranscript({ systemInstructions: system, inputMessages: [user], outputMessages: [answer] });
    expect(entries.map((e) => [e.section, e.message.role])).toEqual([
      ['system', 'system'],
      ['input', 'user'],
      ['output', 'assistant'],
    ]);
    expect(entries[0]!.message.parts).toEqual(system);
  });

  it('does not repeat system instructions the input already carries as a system message', () => {
    const inputSystem: Message = { role: 'system', parts: system, tool_calls: [] };
    const entries = buildTranscript({
      systemInstructions: system,
      inputMessages: [inputSystem, user],
      outputMessages: null,
    });
    expect(entries.map((e) => e.section)).toEqual(['input', 'input']);
  });

  it('is empty for a step without messages', () => {
    expect(buildTranscript({ systemInstructions: null, inputMessages: null, outputMessages: null })).toEqual([]);
    expect(buildTranscript({ systemInstructions: [], inputMessages: [], outputMessages: [] })).toEqual([]);
  });
});

describe('roles', () => {
  it('maps every convention’s spelling to a bubble style', () => {
    expect(
      ['user', 'Human', 'assistant', 'ai', 'model', 'tool', 'function', 'system', 'developer', 'critic'].map(roleTone),
    ).toEqual(['user', 'user', 'assistant', 'assistant', 'assistant', 'tool', 'tool', 'system', 'system', 'other']);
  });

  it('labels roles with a capital', () => {
    expect(roleLabel('assistant')).toBe('Assistant');
    expect(roleLabel(' ')).toBe('Message');
  });
});

describe('mediaLabel and isEmptyMessage', () => {
  it('describes media by type and where it is', () => {
    expect(mediaLabel({ type: 'media', mime: 'image/png', uri: 'https://x/y.png' })).toBe(
      'image/png · https://x/y.png',
    );
    expect(mediaLabel({ type: 'media', mime: 'audio/wav', data: 'A'.repeat(4096) })).toBe('audio/wav · inline, 3 KB');
    expect(mediaLabel({ type: 'media' })).toBe('media');
  });

  it('knows a message with neither parts nor tool calls is empty', () => {
    expect(isEmptyMessage({ role: 'assistant', parts: [], tool_calls: [] })).toBe(true);
    expect(isEmptyMessage(answer)).toBe(false);
  });
});
