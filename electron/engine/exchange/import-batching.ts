/** How an import groups what it decodes into the writer's transactions. */
import type { IngestBatch } from '../ingest/ingest-batch';
import type { ScopeGroup } from '../otlp/model';
import type { InsertBatch, InsertGroup, LogInsert, SpanRow } from '../store/insert-batch';

/** Cuts a batch into batches of at most `max` spans and log records (sharing the decoded items). */
export function* pieces(batch: IngestBatch, max: number): Generator<IngestBatch> {
  const empty = (): IngestBatch => ({ spanGroups: [], logGroups: [], origin: batch.origin, source: batch.source });
  let piece = empty();
  let n = 0;
  function* cut<T>(groups: ScopeGroup<T>[], into: () => ScopeGroup<T>[]): Generator<IngestBatch> {
    for (const g of groups) {
      for (let i = 0; i < g.items.length; ) {
        const take = Math.min(g.items.length - i, max - n);
        into().push({ resource: g.resource, scope: g.scope, items: g.items.slice(i, i + take) });
        n += take;
        i += take;
        if (n >= max) {
          yield piece;
          piece = empty();
          n = 0;
        }
      }
    }
  }
  yield* cut(batch.spanGroups, () => piece.spanGroups);
  yield* cut(batch.logGroups, () => piece.logGroups);
  if (n > 0) yield piece;
}

/** Rows waiting to be written together: one transaction per `batchItems` spans and log records. */
export class PendingRows {
  private spanGroups: InsertGroup<SpanRow>[] = [];
  private logGroups: InsertGroup<LogInsert>[] = [];
  private spans = 0;
  private logs = 0;

  constructor(private readonly source: string) {}

  get items(): number {
    return this.spans + this.logs;
  }

  push(rows: InsertBatch): void {
    for (const g of rows.spanGroups) {
      this.spanGroups.push(g);
      this.spans += g.rows.length;
    }
    for (const g of rows.logGroups) {
      this.logGroups.push(g);
      this.logs += g.rows.length;
    }
  }

  /** The rows as one batch of an import (decode threads mark theirs live: origin is set here). */
  take(): { batch: InsertBatch; spans: number; logs: number } {
    const out = {
      batch: { spanGroups: this.spanGroups, logGroups: this.logGroups, origin: 'import' as const, source: this.source },
      spans: this.spans,
      logs: this.logs,
    };
    this.spanGroups = [];
    this.logGroups = [];
    this.spans = 0;
    this.logs = 0;
    return out;
  }
}
