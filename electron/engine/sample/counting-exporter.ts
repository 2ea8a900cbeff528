import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Wraps a span exporter to count what it delivered (spans, and the traces they belong to) and to
 * keep the first failure: a BatchSpanProcessor's forceFlush resolves even when the export failed.
 */
export class CountingExporter implements SpanExporter {
  readonly traceIds = new Set<string>();
  spans = 0;
  private failure: Error | null = null;

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.spans += spans.length;
        for (const span of spans) this.traceIds.add(span.spanContext().traceId);
      } else {
        this.failure ??= result.error ?? new Error('the exporter reported a failure without a reason');
      }
      resultCallback(result);
    });
  }

  /** The first export that failed, if any. */
  firstFailure(): Error | null {
    return this.failure;
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
