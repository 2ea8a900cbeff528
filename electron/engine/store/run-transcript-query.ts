import type Database from 'better-sqlite3';
import type { Attributes, AttrValue } from '../../../shared/domain/attributes';
import type { RunTranscript } from '../../../shared/domain/transcript';
import { describeStep } from '../genai/normalize-step';
import { type TranscriptStepInput, buildRunTranscript } from '../genai/run-transcript';

/** Model calls, tool calls and agents read into one transcript; later ones are counted, not read. */
export const MAX_TRANSCRIPT_STEPS = 2000;

const STATUS = ['unset', 'ok', 'error'] as const;

type StepRow = [
  spanId: string,
  name: string,
  statusCode: number,
  statusMessage: string,
  startNs: bigint,
  endNs: bigint,
  attributes: string,
  events: string,
  resourceId: bigint,
  scopeName: string,
];

/**
 * The Transcript tab's data: only the run's llm, tool and agent spans (by the step kind stored at
 * ingest), each normalized with its log events. Ids are listed first (cheap), then at most
 * MAX_TRANSCRIPT_STEPS spans are read whole, so a 100,000-span run answers as fast as a small one.
 */
export class RunTranscriptQuery {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      runStart: db.prepare<[string], bigint>('SELECT start_ns FROM runs WHERE trace_id = ?').pluck().safeIntegers(true),
      stepIds: db
        .prepare<
          [string],
          bigint
        >(`SELECT id FROM spans WHERE trace_id = ? AND step_kind IN ('llm', 'tool', 'agent') ORDER BY start_ns, id`)
        .pluck()
        .safeIntegers(true),
      step: db
        .prepare<[bigint], StepRow>(
          `SELECT s.span_id, s.name, s.status_code, s.status_message, s.start_ns, s.end_ns, s.attributes, s.events,
             s.resource_id, scopes.name
           FROM spans s JOIN scopes ON scopes.id = s.scope_id WHERE s.id = ?`,
        )
        .raw(true)
        .safeIntegers(true),
      logs: db
        .prepare<
          [string, string],
          [string, string, string]
        >('SELECT event_name, body, attributes FROM logs WHERE trace_id = ? AND span_id = ? ORDER BY time_ns, id')
        .raw(true),
      resource: db.prepare<[bigint], string>('SELECT attributes FROM resources WHERE id = ?').pluck(),
    };
  }

  /** Null when there is no such run. */
  transcript(traceId: string, maxSteps = MAX_TRANSCRIPT_STEPS): RunTranscript | null {
    const runStart = this.stmts.runStart.get(traceId);
    if (runStart === undefined) return null;
    const ids = this.stmts.stepIds.all(traceId);
    const resources = new Map<bigint, Attributes>();
    const steps: TranscriptStepInput[] = [];
    for (const id of ids.slice(0, maxSteps)) {
      const row = this.stmts.step.get(id);
      if (row === undefined) continue;
      const [spanId, name, statusCode, statusMessage, startNs, endNs, attributes, events, resourceId, scopeName] = row;
      const code = Number(statusCode);
      steps.push({
        spanId,
        name,
        status: STATUS[code] ?? 'unset',
        startOffsetMs: Number(startNs - runStart) / 1e6,
        endOffsetMs: Number(endNs - runStart) / 1e6,
        detail: describeStep({
          name,
          statusCode: code,
          statusMessage,
          startNs,
          attributes: JSON.parse(attributes) as Attributes,
          events: events === '[]' ? [] : (JSON.parse(events) as { name: string; attributes: Attributes }[]),
          scopeName,
          resourceAttributes: this.resourceAttributes(resourceId, resources),
          logs: this.stmts.logs.all(traceId, spanId).map(([eventName, body, attrs]) => ({
            eventName,
            body: JSON.parse(body) as AttrValue,
            attributes: JSON.parse(attrs) as Attributes,
          })),
        }),
      });
    }
    return buildRunTranscript(steps, Math.max(0, ids.length - maxSteps));
  }

  private resourceAttributes(id: bigint, cache: Map<bigint, Attributes>): Attributes {
    let attributes = cache.get(id);
    if (attributes === undefined) {
      const json = this.stmts.resource.get(id);
      attributes = json === undefined ? {} : (JSON.parse(json) as Attributes);
      cache.set(id, attributes);
    }
    return attributes;
  }
}
