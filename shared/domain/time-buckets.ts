import type { TimeBucket } from './fleet-stats';
import type { RunSummary } from './run';

const NICE_BUCKETS_MS = [60_000, 300_000, 900_000, 3_600_000, 6 * 3_600_000, 86_400_000, 7 * 86_400_000];
const MAX_BUCKETS = 60;

/**
 * Runs per time bucket (by start time), from the first run's bucket to the last one's, with a
 * "nice" bucket size giving at most about 60 buckets. Used by fleet stats and the Insights page.
 */
export function timeBuckets(runs: readonly RunSummary[]): { bucketMs: number; buckets: TimeBucket[] } {
  if (runs.length === 0) return { bucketMs: NICE_BUCKETS_MS[0]!, buckets: [] };
  const starts = runs.map((r) => Number(BigInt(r.startNs) / 1_000_000n));
  let min = Infinity;
  let max = -Infinity;
  for (const t of starts) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const bucketMs =
    NICE_BUCKETS_MS.find((b) => (max - min) / b <= MAX_BUCKETS) ?? NICE_BUCKETS_MS[NICE_BUCKETS_MS.length - 1]!;
  const first = Math.floor(min / bucketMs) * bucketMs;
  const count = Math.floor((max - first) / bucketMs) + 1;
  const buckets: TimeBucket[] = Array.from({ length: count }, (_, i) => ({
    startMs: first + i * bucketMs,
    runs: 0,
    errors: 0,
    costUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
  }));
  runs.forEach((r, i) => {
    const b = buckets[Math.floor((starts[i]! - first) / bucketMs)]!;
    b.runs++;
    if (r.status === 'error') b.errors++;
    b.costUsd += r.costUsd ?? 0;
    b.inputTokens += r.inputTokens;
    b.outputTokens += r.outputTokens;
  });
  // Sums of float prices drift (0.1 + 0.2); a millionth of a cent is below anything shown.
  for (const b of buckets) b.costUsd = Math.round(b.costUsd * 1e8) / 1e8;
  return { bucketMs, buckets };
}
