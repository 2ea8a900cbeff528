import type { ChatScript } from './fake-model/scripted-chat-model';
import { type ChatAnswer, type ChatRequest, completionTokens, contentText } from './fake-model/openai-chat-wire';
import type { SampleConversation, ScriptedTurn } from './sample-conversations';

/** What the fake model says to a message that is in none of the sample conversations. */
export const UNSCRIPTED_ANSWER = "I am Loupe's sample model: I only know the sample conversations.";

/**
 * The fake model's script for the sample conversations. It answers the latest user message: with
 * its turn's tool call while that tool is offered and has not answered yet, else with the turn's
 * answer.
 */
export function sampleModelScript(conversations: readonly SampleConversation[]): ChatScript {
  const turns = new Map<string, ScriptedTurn>();
  for (const c of conversations) for (const t of c.turns) turns.set(t.user, t);
  return ({ messages, tools }) => {
    const lastUser = messages.findLastIndex((m) => m.role === 'user');
    const turn = turns.get(contentText(messages[lastUser]?.content));
    if (!turn) return { kind: 'text', text: UNSCRIPTED_ANSWER };
    const toolAnswered = messages.slice(lastUser + 1).some((m) => m.role === 'tool');
    const call = turn.toolCall;
    if (call && !toolAnswered && tools.some((t) => t.name === call.name)) {
      return { kind: 'tool_call', name: call.name, arguments: call.arguments };
    }
    return { kind: 'text', text: turn.answer };
  };
}

/** A model "thinks" a moment and writes a few tokens per millisecond; the larger model is slower. */
export function sampleModelLatencyMs(request: ChatRequest, answer: ChatAnswer): number {
  const large = request.model === 'gpt-4o';
  return Math.min(1600, (large ? 450 : 220) + completionTokens(answer) * (large ? 1.5 : 1));
}
