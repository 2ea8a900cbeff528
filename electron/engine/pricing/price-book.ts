import type Database from 'better-sqlite3';
import type { ModelPrice } from '../../../shared/domain/price';
import type { StepKind } from '../../../shared/domain/step';
import { BUILTIN_PRICES } from './builtin-prices';
import { PriceMatcher } from './price-matcher';
import { type CostInputs, type StepCost, stepCost } from './step-cost';

interface DbCostRow {
  id: number;
  trace_id: string;
  step_kind: string;
  provider: string | null;
  request_model: string | null;
  response_model: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cache_read_tokens: number | null;
  cache_write_tokens: number | null;
  reasoning_tokens: number | null;
  cost_usd: number | null;
  start_ms: number;
}

export interface RecostResult {
  /** Model calls whose cost changed. */
  steps: number;
  runs: number;
}

/**
 * The prices in force: the built-in table plus the user's own entries (stored in SQLite, winning
 * over built-ins). Prices model calls as they are written, and re-costs stored runs when the user's
 * prices change. Runs on the writer's connection and thread, so a re-cost never interleaves with a write.
 */
export class PriceBook {
  private matcher: PriceMatcher;
  private readonly stmts;

  constructor(
    private readonly db: Database.Database,
    private readonly builtin: readonly ModelPrice[] = BUILTIN_PRICES,
  ) {
    this.stmts = {
      userPrices: db.prepare<[], { price: string }>('SELECT price FROM user_prices ORDER BY id'),
      upsert: db.prepare(
        'INSERT INTO user_prices (id, price) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET price = excluded.price',
      ),
      delete: db.prepare('DELETE FROM user_prices WHERE id = ?'),
      deleteAll: db.prepare('DELETE FROM user_prices'),
      pricedSteps: db.prepare<[], DbCostRow>(
        `SELECT id, trace_id, step_kind, provider, request_model, response_model, input_tokens, output_tokens,
             cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd, start_ns / 1000000 AS start_ms
           FROM spans WHERE step_kind IN ('llm', 'embedding') AND coalesce(cost_source, '') <> 'reported'`,
      ),
      setCost: db.prepare('UPDATE spans SET cost_usd = ?, cost_source = ? WHERE id = ?'),
      runTotals: db.prepare(
        `UPDATE runs SET
           cost_usd = (SELECT total(cost_usd) FROM spans WHERE spans.trace_id = runs.trace_id
                         AND step_kind IN ('llm', 'embedding')),
           cost_unknown = (SELECT count(*) FROM spans WHERE spans.trace_id = runs.trace_id
                         AND step_kind IN ('llm', 'embedding') AND cost_usd IS NULL)
         WHERE trace_id = ?`,
      ),
    };
    this.matcher = new PriceMatcher(builtin, this.userPrices());
  }

  builtinPrices(): readonly ModelPrice[] {
    return this.builtin;
  }

  userPrices(): ModelPrice[] {
    return this.stmts.userPrices.all().map((r) => JSON.parse(r.price) as ModelPrice);
  }

  /** Prices one step as it is written (the writer's StepPricer). */
  readonly price = (step: CostInputs, startNs: bigint): StepCost => stepCost(this.matcher, step, startNs);

  /** Finds the price that applies to a model (for "why this cost?" and the unpriced-model flow). */
  find(provider: string | null, model: string, atMs?: number): ModelPrice | null {
    return this.matcher.find({ provider, model, ...(atMs !== undefined ? { atMs } : {}) });
  }

  /** Adds or replaces user prices (by id) and re-costs stored runs. */
  saveUserPrices(prices: readonly ModelPrice[], replaceAll = false): RecostResult {
    this.db.transaction(() => {
      if (replaceAll) this.stmts.deleteAll.run();
      for (const p of prices) this.stmts.upsert.run(p.id, JSON.stringify({ ...p, source: 'user' }));
    })();
    return this.reload();
  }

  deleteUserPrice(id: string): RecostResult & { deleted: boolean } {
    const deleted = this.stmts.delete.run(id).changes > 0;
    return { ...this.reload(), deleted };
  }

  private reload(): RecostResult {
    this.matcher = new PriceMatcher(this.builtin, this.userPrices());
    return this.recost();
  }

  /** Re-prices every stored model call without a reported cost, then the totals of the runs that changed. */
  recost(): RecostResult {
    return this.db.transaction(() => {
      const changedRuns = new Set<string>();
      let steps = 0;
      for (const r of this.stmts.pricedSteps.all()) {
        const cost = stepCost(
          this.matcher,
          {
            kind: r.step_kind as StepKind,
            provider: r.provider,
            requestModel: r.request_model,
            responseModel: r.response_model,
            inputTokens: r.input_tokens,
            outputTokens: r.output_tokens,
            cacheReadTokens: r.cache_read_tokens,
            cacheWriteTokens: r.cache_write_tokens,
            reasoningTokens: r.reasoning_tokens,
            reportedCostUsd: null,
          },
          BigInt(r.start_ms) * 1_000_000n,
        );
        if (cost.costUsd === r.cost_usd) continue;
        this.stmts.setCost.run(cost.costUsd, cost.source, r.id);
        changedRuns.add(r.trace_id);
        steps++;
      }
      for (const traceId of changedRuns) this.stmts.runTotals.run(traceId);
      return { steps, runs: changedRuns.size };
    })();
  }
}
