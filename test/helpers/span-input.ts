import type { Attributes } from '../../shared/domain/attributes';
import type { SpanInput } from '../../electron/engine/genai/span-input';

/** 2023-11-14T22:13:20.000Z: the start time of every span `spanInput` makes unless told otherwise. */
export const SPAN_INPUT_START_NS = 1_700_000_000_000_000_000n;

/** What the normalizer reads from a span: these attributes, and defaults for the rest. */
export function spanInput(attributes: Attributes, more: Partial<Omit<SpanInput, 'attributes'>> = {}): SpanInput {
  return {
    name: 'span',
    statusCode: 0,
    statusMessage: '',
    startNs: SPAN_INPUT_START_NS,
    events: [],
    scopeName: '',
    resourceAttributes: {},
    logs: [],
    ...more,
    attributes,
  };
}
