import type { Message } from '../../../shared/domain/step';

/**
 * The message sequences earlier model calls of a run saw or produced, as a trie of message keys:
 * `seenPrefix` tells how many leading messages of a new call's input an earlier call already
 * showed (agents resend the whole history every call). Linear in the number of messages, so a run
 * with thousands of calls stays cheap; separate conversations (sub-agents) each keep their branch.
 */
export class SeenConversations {
  private readonly root: TrieNode = new Map();
  private readonly keyIds = new Map<string, number>();

  /** How many leading messages of `messages` some earlier sequence started with. */
  seenPrefix(messages: readonly Message[]): number {
    let node = this.root;
    let n = 0;
    for (const message of messages) {
      const id = this.keyIds.get(messageKey(message));
      const next = id === undefined ? undefined : node.get(id);
      if (next === undefined) break;
      node = next;
      n++;
    }
    return n;
  }

  /** Records a call's conversation (its input followed by its output). */
  remember(messages: readonly Message[]): void {
    let node = this.root;
    for (const message of messages) {
      const id = this.keyId(messageKey(message));
      let next = node.get(id);
      if (next === undefined) node.set(id, (next = new Map<number, TrieNode>()));
      node = next;
    }
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
    return id;
  }
}

type TrieNode = Map<number, TrieNode>;

/**
 * What makes two messages the same turn of a conversation: role, content and tool calls. The
 * finish reason and name are left out (an output carries them, the same message resent as input
 * usually does not).
 */
export function messageKey(message: Message): string {
  return JSON.stringify([
    message.role.trim().toLowerCase(),
    message.parts,
    message.tool_calls.map((c) => [c.id ?? '', c.name, c.arguments]),
    message.tool_call_id ?? '',
  ]);
}

/** Whether a message is a system prompt (conventions also say `developer`). */
export function isSystemMessage(message: Message): boolean {
  const role = message.role.trim().toLowerCase();
  return role === 'system' || role === 'developer';
}
