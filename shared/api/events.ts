/** Live events pushed by the engine over SSE (`GET /api/events`). */
export interface LiveEvents {
  /** Spans were committed for these runs (new or updated). */
  'runs-changed': { traceIds: string[] };
  /** Prices changed and stored runs were re-costed: every cost shown may have changed. */
  'prices-changed': { steps: number; runs: number };
  /** Sent once when the stream opens. */
  hello: { version: string };
}

export type LiveEventName = keyof LiveEvents;
