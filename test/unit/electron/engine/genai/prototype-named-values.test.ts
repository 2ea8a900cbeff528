/**
 * Span text that names an Object.prototype member (`constructor`, `__proto__`, `toString`…) where a
 * convention expects a kind, an operation, a provider or an event name. Looked up in a plain
 * object's table, such text used to come back as a function: stored as a step kind it broke the
 * whole export (500, every span of it lost).
 */
import { describe, expect, it } from 'vitest';
import type { Attributes } from '../../../../../shared/domain/attributes';
import { STEP_KINDS } from '../../../../../shared/domain/step';
import { describeStep, summarizeStep } from '../../../../../electron/engine/genai/normalize-step';
import { spanInput } from '../../../../helpers/span-input';
import type { SpanInput } from '../../../../../electron/engine/genai/span-input';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

function span(attributes: Attributes, events: SpanInput['events'] = []): SpanInput {
  return spanInput(attributes, { events });
}

/** Every summary field holds a string, a finite number or null: nothing a table's prototype lent it. */
function expectPlainSummary(summary: object, label: string): void {
  for (const [field, value] of Object.entries(summary)) {
    const ok = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    expect(ok, `${label}: ${field} = ${String(value)}`).toBe(true);
  }
}

describe('values named like Object.prototype members', () => {
  const KIND_KEYS = [
    'openinference.span.kind',
    'langfuse.observation.type',
    'gen_ai.operation.name',
    'mlflow.spanType',
    'langsmith.span.kind',
    'traceloop.span.kind',
    'llm.request.type',
  ];

  it('are no step kind in any convention', () => {
    for (const name of NAMES) {
      for (const key of KIND_KEYS)
        expect(STEP_KINDS, `${key}=${name}`).toContain(summarizeStep(span({ [key]: name })).kind);
    }
  });

  it('are no provider alias or finish reason: kept as the text sent', () => {
    for (const name of NAMES) {
      const summary = summarizeStep(
        span({ 'gen_ai.operation.name': 'chat', 'gen_ai.system': name, 'gen_ai.response.finish_reasons': [name] }),
      );
      expectPlainSummary(summary, name);
      expect(summary.provider, name).toBe(name.toLowerCase());
      expect(summary.finishReason, name).toBe(name.toLowerCase());
    }
  });

  it('a Logfire event named so is no message role', () => {
    for (const name of NAMES) {
      const detail = describeStep(
        span({ 'gen_ai.operation.name': 'chat', events: JSON.stringify([{ 'event.name': name, content: 'hello' }]) }),
      );
      for (const m of [...(detail.inputMessages ?? []), ...(detail.outputMessages ?? [])])
        expect(typeof m.role, name).toBe('string');
    }
  });
});
