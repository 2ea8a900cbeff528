import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { ownEntry } from '../../../shared/domain/own-entry';

/**
 * The sample agent's tools: a small outdoor-gear shop's order system, help center, payments and
 * ticket statistics. They answer canned data after a short, fixed delay (so the timeline has
 * something to show); `issue_refund` always fails, as a payments outage would make it.
 */
export interface SampleTool {
  definition: ChatCompletionFunctionTool;
  run(args: Record<string, unknown>): Promise<unknown>;
}

export class ToolFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolFailure';
  }
}

function tool(
  name: string,
  description: string,
  properties: Record<string, { type: string; description: string; enum?: string[] }>,
  delayMs: number,
  answer: (args: Record<string, unknown>) => unknown,
): SampleTool {
  return {
    definition: {
      type: 'function',
      function: {
        name,
        description,
        parameters: { type: 'object', properties, required: Object.keys(properties), additionalProperties: false },
      },
    },
    run: async (args) => {
      await sleep(delayMs);
      return answer(args);
    },
  };
}

const ORDERS: Record<string, unknown> = {
  'A-1042': {
    order_id: 'A-1042',
    status: 'in_transit',
    carrier: 'UPS',
    tracking_number: '1Z999AA10123456784',
    delay_reason: 'weather delay at the Louisville hub',
    estimated_delivery_business_days: 2,
    items: [{ sku: 'TENT-2P-GRN', name: 'Trailhead 2-person tent', quantity: 1 }],
  },
  'A-1107': {
    order_id: 'A-1107',
    status: 'packing',
    warehouse: 'Calgary',
    ships: 'tomorrow',
    items: [{ sku: 'BASE-MERINO-M', name: 'Merino base layer, size M', quantity: 2 }],
  },
};

const HELP_ARTICLES = [
  {
    title: 'International shipping',
    url: 'https://help.trailhead.example/shipping/international',
    snippet:
      'We ship to Canada and the US. Canadian orders ship with UPS Standard and take 4–7 business days; duties are included at checkout. Shipping is free on orders over CA$150, otherwise a flat CA$12.',
  },
  {
    title: 'Returns and refunds',
    url: 'https://help.trailhead.example/returns',
    snippet: 'Items can be returned within 30 days. Damaged items are refunded in full, shipping included.',
  },
];

const TICKET_STATS = {
  period: 'last 7 days',
  tickets: 1284,
  change_vs_previous_week: '+18%',
  median_first_response_minutes: 47,
  csat: 4.1,
  by_category: [
    { category: 'where is my order', tickets: 512, share: 0.4 },
    { category: 'damaged on arrival', tickets: 221, share: 0.17 },
    { category: 'refund status', tickets: 198, share: 0.15 },
    { category: 'sizing and fit', tickets: 164, share: 0.13 },
    { category: 'other', tickets: 189, share: 0.15 },
  ],
  notable: [
    'Weather delays at the Louisville UPS hub drove most "where is my order" tickets on Tuesday and Wednesday.',
    'Camping stoves (SKU STOVE-1B) account for 63 of the damaged-on-arrival tickets: the burner cracks in transit.',
    'Refunds failed for 3 hours on Thursday during the payments-api maintenance window.',
  ],
};

export const SAMPLE_TOOLS: readonly SampleTool[] = [
  tool(
    'lookup_order',
    "Look up an order's status, shipping and items by its id.",
    { order_id: { type: 'string', description: 'The order id, e.g. A-1042' } },
    140,
    (args) => ownEntry(ORDERS, String(args.order_id)) ?? { error: `no order ${String(args.order_id)}` },
  ),
  tool(
    'search_help_center',
    'Search the help center articles.',
    { query: { type: 'string', description: 'What to search for' } },
    220,
    () => HELP_ARTICLES,
  ),
  tool(
    'issue_refund',
    'Refund an order in full to the original payment method.',
    {
      order_id: { type: 'string', description: 'The order id' },
      reason: { type: 'string', description: 'Why', enum: ['damaged_on_arrival', 'not_as_described', 'other'] },
    },
    320,
    () => {
      throw new ToolFailure('payments-api answered 503 Service Unavailable: refunds are paused for maintenance');
    },
  ),
  tool(
    'get_ticket_stats',
    'Support ticket statistics for a period.',
    { period: { type: 'string', description: 'The period', enum: ['last_7_days', 'last_30_days'] } },
    380,
    () => TICKET_STATS,
  ),
];

export function sampleTool(name: string): SampleTool {
  const found = SAMPLE_TOOLS.find((t) => t.definition.function.name === name);
  if (!found) throw new Error(`the sample agent has no tool ${name}`);
  return found;
}
