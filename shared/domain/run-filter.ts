import type { RunOrigin, RunStatus } from './run';

/** Which runs the runs page lists; every field narrows the list (all are optional). */
export interface RunFilter {
  /** Run start, ms since the epoch: from inclusive, to exclusive. */
  fromMs?: number;
  toMs?: number;
  service?: string;
  status?: RunStatus;
  /** A model the run called (request or response name). */
  model?: string;
  origin?: RunOrigin;
  sessionId?: string;
  minCostUsd?: number;
  minDurationMs?: number;
  /** Full-text search over step names, prompts, outputs, tool arguments and results (SQLite FTS5). */
  text?: string;
}

export const RUN_SORT_KEYS = ['start', 'duration', 'cost', 'tokens', 'llmCalls'] as const;
export type RunSortKey = (typeof RUN_SORT_KEYS)[number];

/** Values present in the data, for the filter menus. */
export interface RunFacets {
  services: string[];
  models: string[];
  origins: RunOrigin[];
}

/** Runs grouped by session / conversation id, with totals. */
export interface SessionSummary {
  sessionId: string;
  runs: number;
  errorRuns: number;
  /** ISO times of the first run's start and the last run's end. */
  firstStartTime: string;
  lastEndTime: string;
  /** Sum of the runs' durations. */
  totalDurationMs: number;
  llmCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Whether every model call in every run of the session has a known cost. */
  costComplete: boolean;
  services: string[];
  userId: string | null;
}
