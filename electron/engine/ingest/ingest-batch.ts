import type { DecodedLogRecord, DecodedResource, DecodedScope, DecodedSpan } from '../otlp/model';
import type { RunOrigin } from '../../../shared/domain/run';

/** Spans (or log records) sharing one resource and scope, already validated. */
export interface IngestGroup<T> {
  resource: DecodedResource;
  scope: DecodedScope;
  items: T[];
}

/** What one OTLP request (or one import chunk) asks the writer to store. */
export interface IngestBatch {
  spanGroups: IngestGroup<DecodedSpan>[];
  logGroups: IngestGroup<DecodedLogRecord>[];
  origin: RunOrigin;
  /** Where the data came from when imported (file name); null for live ingest. */
  source: string | null;
}
