import type { StepDetail, StepKind, StepSummary } from '../../../../shared/domain/step';
import type { AttributeReader } from '../attribute-reader';
import type { SpanInput } from '../span-input';

export interface ReadContext {
  a: AttributeReader;
  span: SpanInput;
  kind: StepKind;
}

/** Fields a convention may contribute; the normalizer keeps the first non-null value per field. */
export type SummaryFields = Partial<Omit<StepSummary, 'kind'>>;
export type DetailFields = Partial<
  Pick<
    StepDetail,
    | 'inputMessages'
    | 'outputMessages'
    | 'systemInstructions'
    | 'toolsOffered'
    | 'toolArguments'
    | 'toolResult'
    | 'input'
    | 'output'
    | 'requestParameters'
    | 'promptTemplate'
  >
> & { contentNotCaptured?: boolean };

/** One convention's reader: small and pure. `summary` runs at ingest for every span, so keep it cheap. */
export interface ConventionReader {
  name: string;
  applies(c: ReadContext): boolean;
  summary(c: ReadContext): SummaryFields;
  detail(c: ReadContext): DetailFields;
}

/** Keeps only entries whose value is neither null nor undefined. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== null && o[k] !== undefined) out[k] = o[k];
  return out;
}

/** Request parameters under `prefix` (e.g. `gen_ai.request.`), minus the model name. */
export function parametersUnder(
  c: ReadContext,
  prefix: string,
  skip: readonly string[] = ['model'],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in c.a.attributes) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (skip.includes(name)) continue;
    out[name] = c.a.json(key);
  }
  return out;
}

/** A copy of `o` without `keys` (e.g. the model and messages left out of request parameters). */
export function withoutKeys(o: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k)) out[k] = v;
  return out;
}
