/**
 * `npm run bench:redaction` — what secret redaction costs per span at ingest, on realistic GenAI
 * spans (test/helpers/genai-spans.ts: agent roots, model calls with prompts and usage, tool calls).
 *
 * Figures, in µs per span on this machine's single thread (a decode worker's view):
 * - redaction alone (redactBatch), with nothing to find, then with a fake key in 1 of 8 prompts;
 * - the same with two user patterns (these have no literal pre-check: they run on every string);
 * - every built-in regex run on every string, without the needle pre-check (what the pre-check saves);
 * - rows built with and without redaction (toInsertBatch), the share redaction adds to that step.
 */
import { decodeTracesProtobuf } from '../../electron/engine/otlp/decode-protobuf';
import type { AttrValue } from '../../shared/domain/attributes';
import { prepareBatch } from '../../electron/engine/ingest/prepare-batch';
import type { IngestBatch } from '../../electron/engine/ingest/ingest-batch';
import { toInsertBatch } from '../../electron/engine/ingest/to-insert-batch';
import { VALUE_RULES } from '../../electron/engine/redaction/builtin-rules';
import { redactBatch } from '../../electron/engine/redaction/redact-batch';
import { Redactor } from '../../electron/engine/redaction/redactor';
import { makeGenAiSpans, serializeSpans } from '../helpers/genai-spans';

const SPANS_PER_BATCH = 512;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function batches(seedSecrets: boolean): IngestBatch[] {
  const out: IngestBatch[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const spans = makeGenAiSpans(SPANS_PER_BATCH, 700_000 + b);
    const decoded = decodeTracesProtobuf(Buffer.from(serializeSpans(spans)));
    const batch = prepareBatch({ traces: decoded }).batch;
    if (seedSecrets) {
      let n = 0;
      for (const g of batch.spanGroups) {
        for (const s of g.items) {
          const messages = s.attributes['gen_ai.input.messages'];
          if (typeof messages === 'string' && n++ % 8 === 0) {
            s.attributes['gen_ai.input.messages'] = messages.replace(
              'Where is my order',
              'My key is sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z, where is my order',
            );
          }
        }
      }
    }
    out.push(batch);
  }
  return out;
}

function spanCount(list: IngestBatch[]): number {
  return list.reduce((n, b) => n + b.spanGroups.reduce((m, g) => m + g.items.length, 0), 0);
}

/**
 * µs per span for each function: each batch's best time over the rounds, summed. The functions take
 * turns on every batch, so a busy moment of the machine (a 2-core laptop, other tests) or a garbage
 * collection does not favour one; the least disturbed run of each batch is the figure that repeats.
 */
function measure(list: IngestBatch[], fns: Array<(b: IngestBatch) => unknown>): number[] {
  const best = fns.map(() => list.map(() => Infinity));
  for (let r = 0; r < ROUNDS; r++) {
    list.forEach((b, i) => {
      fns.forEach((fn, f) => {
        const t0 = performance.now();
        fn(b);
        best[f]![i] = Math.min(best[f]![i]!, performance.now() - t0);
      });
    });
  }
  return best.map((times) => (times.reduce((a, b) => a + b, 0) * 1000) / spanCount(list));
}

/** The naive way: every built-in regex over every string value, no pre-check. */
function naive(batch: IngestBatch): number {
  let replaced = 0;
  const visit = (v: AttrValue): void => {
    if (typeof v === 'string') {
      for (const rule of VALUE_RULES) {
        rule.regex.lastIndex = 0;
        if (rule.regex.test(v)) replaced++;
      }
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object' && '$kv' in v) Object.values(v.$kv).forEach(visit);
  };
  for (const g of batch.spanGroups) for (const s of g.items) Object.values(s.attributes).forEach(visit);
  return replaced;
}

const fmt = (us: number): string => `${us.toFixed(2)} µs/span`;

function main(): void {
  const clean = batches(false);
  const seeded = batches(true);
  const on = new Redactor();
  const off = Redactor.disabled();
  const withUser = new Redactor({
    enabled: true,
    userPatterns: [
      { name: 'customer-id', pattern: 'CUST-\\d{6,}' },
      { name: 'internal-host', pattern: '(?i)[a-z0-9-]{1,63}\\.corp\\.example\\.com' },
    ],
  });

  const [redactClean, redactUser, naiveClean, rowsOff, rowsOn] = measure(clean, [
    (b) => redactBatch(b, on),
    (b) => redactBatch(b, withUser),
    naive,
    (b) => toInsertBatch(b, off),
    (b) => toInsertBatch(b, on),
  ]) as [number, number, number, number, number];
  const [redactSeeded] = measure(seeded, [(b) => redactBatch(b, on)]) as [number];

  console.log(`${spanCount(clean).toLocaleString('en-US')} GenAI spans, batches of ${SPANS_PER_BATCH}`);
  console.log(`redaction, nothing to find              ${fmt(redactClean)}`);
  console.log(`redaction, a key in 1 of 8 prompts      ${fmt(redactSeeded)}`);
  console.log(`redaction + 2 user patterns             ${fmt(redactUser)}`);
  console.log(
    `every built-in regex, no pre-check      ${fmt(naiveClean)} (pre-check: ${(naiveClean / redactClean).toFixed(1)}× faster)`,
  );
  console.log(`rows without redaction (toInsertBatch)  ${fmt(rowsOff)}`);
  console.log(
    `rows with redaction                     ${fmt(rowsOn)} (+${(((rowsOn - rowsOff) / rowsOff) * 100).toFixed(0)}%)`,
  );
  const budgetUs = 1_000_000 / 50_000;
  console.log(
    `redaction uses ${((redactClean / budgetUs) * 100).toFixed(1)}% of the ${budgetUs} µs/span a 50,000 spans/s budget allows one core`,
  );
}

main();
