import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attributes } from '../../shared/domain/attributes';
import type { StepDetail } from '../../shared/domain/step';
import { describeStep } from '../../electron/engine/genai/normalize-step';

/** One span as test/fixtures/genai-captured/capture.ts recorded it from a real instrumentation library. */
export interface CapturedSpan {
  /** Position in the pre-order walk of the trace (children ordered by start time). */
  index: number;
  name: string;
  parentIndex: number | null;
  scopeName: string;
  attributes: Attributes;
  events: { name: string; attributes: Attributes }[];
  status: { code: string; message?: string };
}

export function readCapturedSpans(library: string): CapturedSpan[] {
  const file = join(import.meta.dirname, '../fixtures/genai-captured', `${library}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { spans: CapturedSpan[] }).spans;
}

/** OTLP's status code of a captured span (UNSET 0, OK 1, ERROR 2). */
export function capturedStatusCode(span: CapturedSpan): number {
  return span.status.code === 'ERROR' ? 2 : span.status.code === 'OK' ? 1 : 0;
}

/** The normalizer's reading of a captured span (no log events joined). */
export function describeCaptured(span: CapturedSpan): StepDetail {
  return describeStep({
    name: span.name,
    statusCode: capturedStatusCode(span),
    statusMessage: span.status.message ?? '',
    startNs: 1_763_000_000_000_000_000n,
    attributes: span.attributes,
    events: span.events,
    scopeName: span.scopeName,
    resourceAttributes: {},
    logs: [],
  });
}
