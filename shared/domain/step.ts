import type { LogRecordRecord, ResourceRecord, RunSummary, ScopeRecord, SpanRecord } from './run';

/**
 * A run's spans read as agent steps: the GenAI fields every convention is normalized into
 * (see electron/engine/genai/ and ../shared/reference/genai-conventions.md).
 */

export const STEP_KINDS = [
  'llm',
  'tool',
  'agent',
  'chain',
  'retriever',
  'embedding',
  'reranker',
  'guardrail',
  'other',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Where a step's cost came from: the span reported it, Loupe priced its tokens, or neither. */
export type CostSource = 'reported' | 'computed' | 'unknown';

/** Kinds whose usage is a model call of their own; wrappers (agents, chains) repeat it and are not summed. */
export function isBilledKind(kind: StepKind): boolean {
  return kind === 'llm' || kind === 'embedding';
}

export type MessagePart =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'media'; uri?: string; data?: string; mime?: string }
  | { type: 'tool_result'; id?: string; content: unknown }
  | { type: 'unknown'; raw: unknown };

export interface ToolCall {
  id?: string;
  name: string;
  /** Parsed JSON when the arguments were JSON text; the raw string otherwise. */
  arguments: unknown;
  /** Run by the provider (e.g. web search), not by the agent. */
  serverSide?: boolean;
}

export interface Message {
  role: string;
  parts: MessagePart[];
  tool_calls: ToolCall[];
  tool_call_id?: string;
  finish_reason?: string;
  name?: string;
}

/**
 * The scalar step fields, cheap enough to compute for every span at ingest and stored as columns
 * (filters, run totals and fleet statistics read them). Unknown is `null`, never 0.
 */
export interface StepSummary {
  kind: StepKind;
  operation: string | null;
  provider: string | null;
  requestModel: string | null;
  responseModel: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** Cost the span itself reported (USD); wins over a computed one. */
  reportedCostUsd: number | null;
  /** Normalized to stop, length, tool_call, content_filter, error (other values kept as given). */
  finishReason: string | null;
  toolName: string | null;
  toolCallId: string | null;
  sessionId: string | null;
  userId: string | null;
  agentName: string | null;
  timeToFirstTokenMs: number | null;
}

export interface PromptTemplate {
  name?: string;
  version?: string;
  template?: string;
  variables?: unknown;
}

/** Everything the normalizer reads from one span (and the log events joined to it). */
export interface StepDetail extends StepSummary {
  /** null when the span carries no input messages at all. */
  inputMessages: Message[] | null;
  outputMessages: Message[] | null;
  systemInstructions: MessagePart[] | null;
  /** The instrumentation recorded that content exists but did not capture it (capture is off). */
  contentNotCaptured: boolean;
  toolsOffered: unknown[] | null;
  toolArguments: unknown;
  toolResult: unknown;
  /** Generic input / output of chains, agents and other wrappers (`input.value`, `traceloop.entity.*`…). */
  input: unknown;
  output: unknown;
  requestParameters: Record<string, unknown>;
  promptTemplate: PromptTemplate | null;
  /** The error of a failed step (status message, exception type and message). */
  error: string | null;
  /** Which conventions contributed fields, e.g. ['openinference'] (for the curious and for debugging). */
  conventions: string[];
}

/**
 * A step as the timeline lists it: identity, place in time and the tree, and the stored figures
 * (tokens, cost). Read from stored columns without parsing any attribute JSON, so a 100,000-span run
 * opens fast (`getRunOutline`); the rest of a step is read one step at a time (`getStep`).
 */
export interface StepOutline {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: StepKind;
  /** Offset of the step's start from the run's start. */
  startOffsetMs: number;
  durationMs: number;
  /** Duration not covered by child steps. */
  selfTimeMs: number;
  onCriticalPath: boolean;
  status: 'ok' | 'error' | 'unset';
  /** The span's status message ('' when none); the full error is in the step's detail. */
  statusMessage: string;
  operation: string | null;
  provider: string | null;
  /** The model that answered (response model), else the one requested. */
  model: string | null;
  toolName: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  reasoningTokens: number | null;
  /** null when unknown (no usage reported or no price for the model). */
  costUsd: number | null;
  costSource: CostSource | null;
}

/** One step of a run as `getRunSteps` and `loupe run --json` return it: its outline and everything the normalizer reads. */
export interface RunStep extends StepOutline, StepDetail {
  /** Exact start in ns since the epoch (decimal text). */
  startNs: string;
}

export interface RunSteps {
  run: RunSummary;
  steps: RunStep[];
}

/** A run for the timeline: its totals and every step's outline (details are read one step at a time). */
export interface RunOutline {
  run: RunSummary;
  steps: StepOutline[];
}

/** One step's detail as the step panel shows it: the normalized fields and the raw span they came from. */
export interface StepView {
  detail: StepDetail;
  span: SpanRecord;
  resource: ResourceRecord | null;
  scope: ScopeRecord | null;
  /** Log records emitted for this span (GenAI event-era prompts and completions, among others). */
  logs: LogRecordRecord[];
}
