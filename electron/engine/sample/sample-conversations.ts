/**
 * What the sample agent is asked and what the bundled fake model answers: one run per turn. A
 * conversation of several turns is a session (its runs share a session id and the history).
 */

export interface ScriptedTurn {
  /** The user's message. */
  user: string;
  /** The function the model calls first, when the request offers it. */
  toolCall?: { name: string; arguments: Record<string, unknown> };
  /** The model's answer (after the tool's result, when it called one). */
  answer: string;
}

export interface SampleConversation {
  /** The agent's name: its root span's name. */
  agent: string;
  model: 'gpt-4o-mini' | 'gpt-4o';
  system: string;
  /** The tools offered to the model, by name (see sample-tools.ts). */
  tools: string[];
  /** Set on a conversation of several turns: its runs are one session of this user. */
  userId?: string;
  turns: ScriptedTurn[];
}

const SUPPORT_SYSTEM = [
  'You are the customer support agent of Trailhead Outfitters, an online store for outdoor gear (tents, stoves,',
  'clothing, packs) that ships to the US and Canada.',
  '',
  '## How to answer',
  '- Be warm and brief: two or three sentences, no lists unless the customer asks for steps.',
  "- Use the customer's words for their items; give order ids exactly as written (A-1042, not 1042).",
  '- Never promise dates the order system does not give you, and never guess a tracking number.',
  '- If a tool fails, say so plainly, say what happens next, and do not ask the customer to try again later.',
  '',
  '## Tools',
  '- lookup_order: always look an order up before saying anything about it.',
  '- search_help_center: for any policy question (shipping, returns, warranty, sizing).',
  '- issue_refund: only for damaged, defective or wrong items; never for a change of mind (that is a return).',
  '',
  '## Policies you may state without a tool',
  '- Returns: 30 days from delivery, items unused, free return label in the US and Canada.',
  '- Damaged on arrival: full refund or replacement, shipping included; the customer keeps the item.',
  '- Warranty: 2 years on tents, stoves and packs; 1 year on clothing.',
  '- Price match: within 14 days of purchase, against the same item from a US or Canadian retailer.',
  '- Support hours: every day, 7:00 to 22:00 Eastern; a human takes over any conversation on request.',
].join('\n');

const INSIGHTS_SYSTEM = [
  'You are the support operations analyst of Trailhead Outfitters.',
  'Read the ticket statistics with get_ticket_stats, then write a short report in Markdown:',
  'a two-line summary, the main drivers with numbers, and three concrete improvements ranked by expected impact.',
].join(' ');

const SUPPORT_TOOLS = ['lookup_order', 'search_help_center', 'issue_refund'];

export const SAMPLE_CONVERSATIONS: readonly SampleConversation[] = [
  {
    agent: 'support-agent',
    model: 'gpt-4o-mini',
    system: SUPPORT_SYSTEM,
    tools: SUPPORT_TOOLS,
    turns: [
      {
        user: 'Hi! My order A-1042 was supposed to arrive yesterday. Where is it?',
        toolCall: { name: 'lookup_order', arguments: { order_id: 'A-1042' } },
        answer:
          'Sorry for the wait! Your Trailhead 2-person tent (order A-1042) is in transit with UPS, tracking number 1Z999AA10123456784. A weather delay at the Louisville hub held it up, and it should reach you within 2 business days.',
      },
    ],
  },
  {
    agent: 'support-agent',
    model: 'gpt-4o-mini',
    system: SUPPORT_SYSTEM,
    tools: SUPPORT_TOOLS,
    turns: [
      {
        user: "The camping stove in order A-0977 arrived with a cracked burner. I'd like a refund, please.",
        toolCall: { name: 'issue_refund', arguments: { order_id: 'A-0977', reason: 'damaged_on_arrival' } },
        answer:
          "I'm sorry about the cracked burner. I tried to refund order A-0977, but our payment system is down for maintenance, so the refund did not go through yet. I've noted the damage on your order; a teammate will process the refund by hand today, and you don't need to send the stove back.",
      },
    ],
  },
  {
    agent: 'support-agent',
    model: 'gpt-4o-mini',
    system: SUPPORT_SYSTEM,
    tools: SUPPORT_TOOLS,
    userId: 'customer-4821',
    turns: [
      {
        user: 'Do you ship to Canada?',
        toolCall: { name: 'search_help_center', arguments: { query: 'shipping to Canada' } },
        answer:
          "Yes, we do! Canadian orders go by UPS Standard and take 4–7 business days, and duties are included at checkout, so there's nothing extra to pay on delivery.",
      },
      {
        user: 'Great. Is shipping free?',
        answer: "It's free on orders over CA$150; below that it's a flat CA$12.",
      },
      {
        user: 'Perfect. Can you check on my order A-1107 then?',
        toolCall: { name: 'lookup_order', arguments: { order_id: 'A-1107' } },
        answer:
          "Your two merino base layers (order A-1107) are being packed at our Calgary warehouse and ship tomorrow. You'll get a UPS tracking number by email as soon as they leave.",
      },
    ],
  },
  {
    agent: 'insights-agent',
    model: 'gpt-4o',
    system: INSIGHTS_SYSTEM,
    tools: ['get_ticket_stats'],
    turns: [
      {
        user: "Summarize this week's support tickets and suggest three improvements.",
        toolCall: { name: 'get_ticket_stats', arguments: { period: 'last_7_days' } },
        answer: [
          '## Support this week',
          '',
          '1,284 tickets (+18% on last week); median first response 47 min; CSAT 4.1.',
          'Most of the growth is shipping delays and damaged stoves, not new kinds of problems.',
          '',
          '### Drivers',
          '- **Where is my order: 512 (40%).** Weather delays at the Louisville UPS hub on Tuesday and Wednesday.',
          '- **Damaged on arrival: 221 (17%).** 63 are the STOVE-1B camping stove, whose burner cracks in transit.',
          '- **Refund status: 198 (15%).** Refunds failed for 3 hours on Thursday during payments-api maintenance.',
          '',
          '### Improvements',
          '1. **Proactive delay emails.** Notify customers when a carrier reports a hub delay; this should remove a large share of the 512 order-status tickets.',
          '2. **Repackage STOVE-1B.** Add a burner insert to the box and hold stock until it ships; 63 tickets and their refunds a week.',
          '3. **Queue refunds during outages.** Accept refund requests while payments-api is down and retry them automatically, instead of failing in front of the customer.',
        ].join('\n'),
      },
    ],
  },
];
