import { describe, expect, it } from 'vitest';
import { spanRow } from '../../../../../electron/engine/ingest/to-insert-batch';
import { emptyResource, emptyScope } from '../../../../../electron/engine/otlp/model';
import { SPAN, SPAN_ROW_COLUMNS, costInputsOf } from '../../../../../electron/engine/store/insert-batch';
import { decodedSpan } from '../../../../helpers/decoded-span';

/** snake_case column of a SPAN position name (the few that differ are listed). */
const COLUMN_OF: Record<string, string> = { attributesJson: 'attributes', stepKind: 'step_kind' };

describe('spanRow', () => {
  const row = spanRow(
    decodedSpan({
      traceId: 'ab'.repeat(16),
      spanId: 'cd'.repeat(8),
      parentSpanId: 'ef'.repeat(8),
      name: 'chat gpt-4o',
      statusCode: 2,
      statusMessage: 'boom',
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.output_tokens': 3,
        'gen_ai.conversation.id': 'conv-1',
      },
    }),
    emptyResource(),
    emptyScope(),
  );

  it('holds one value per insert column, then the reported cost', () => {
    expect(row).toHaveLength(SPAN_ROW_COLUMNS.length + 1);
    expect(SPAN.reportedCostUsd).toBe(SPAN_ROW_COLUMNS.length);
  });

  it('names every position after the column it fills', () => {
    for (const [name, at] of Object.entries(SPAN)) {
      if (name === 'reportedCostUsd') continue;
      const column = COLUMN_OF[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      expect((SPAN_ROW_COLUMNS as readonly string[])[at], name).toBe(column);
    }
  });

  it('carries the span and its normalized step', () => {
    expect(row[SPAN.traceId]).toBe('ab'.repeat(16));
    expect(row[SPAN.parentSpanId]).toBe('ef'.repeat(8));
    expect(row[SPAN.statusMessage]).toBe('boom');
    expect(JSON.parse(row[SPAN.attributesJson])).toMatchObject({ 'gen_ai.request.model': 'gpt-4o' });
    expect(costInputsOf(row)).toEqual({
      kind: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      inputTokens: 10,
      outputTokens: 3,
      cacheReadTokens: null,
      cacheWriteTokens: null,
      reasoningTokens: null,
      reportedCostUsd: null,
    });
    expect(row[SPAN.sessionId]).toBe('conv-1');
  });
});
