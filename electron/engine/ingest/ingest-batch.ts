import type { DecodedLogRecord, DecodedSpan, ScopeGroup } from '../otlp/model';
import type { RunOrigin } from '../../../shared/domain/run';

/** What one OTLP request (or one import chunk) asks the writer to store: validated scope groups. */
export interface IngestBatch {
  spanGroups: ScopeGroup<DecodedSpan>[];
  logGroups: ScopeGroup<DecodedLogRecord>[];
  origin: RunOrigin;
  /** Where the data came from when imported (file name); null for live ingest. */
  source: string | null;
}
