/** Live events pushed by the engine over SSE (`GET /api/events`). */
export interface LiveEvents {
  /** Spans were committed for these runs (new or updated). */
  'runs-changed': { traceIds: string[] };
  /** Sent once when the stream opens. */
  hello: { version: string };
}

export type LiveEventName = keyof LiveEvents;
