import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/engine/store/migrate';
import { migrations } from '../../../../../electron/engine/store/migrations';
import {
  decodeModelList,
  encodeModelList,
  modelNeedle,
  unionModelLists,
} from '../../../../../electron/engine/store/run-model-list';

describe('a run’s model list', () => {
  it('holds each model once, in first-seen order, and merges lists as sets', () => {
    const a = encodeModelList(['gpt-4o', 'gpt-4o-2024-08-06', 'gpt-4o']);
    expect(decodeModelList(a)).toEqual(['gpt-4o', 'gpt-4o-2024-08-06']);
    expect(encodeModelList([])).toBe('');
    const merged = unionModelLists(a, encodeModelList(['claude-3-5-haiku', 'gpt-4o']));
    expect(decodeModelList(merged)).toEqual(['gpt-4o', 'gpt-4o-2024-08-06', 'claude-3-5-haiku']);
    expect(unionModelLists('', a)).toBe(a);
    expect(unionModelLists(a, '')).toBe(a);
  });

  it('matches a model exactly, never a part of a name; a separator inside a name is dropped', () => {
    const list = encodeModelList(['gpt-4o-mini', 'x\u0001y']);
    expect(list.includes(modelNeedle('gpt-4o-mini'))).toBe(true);
    expect(list.includes(modelNeedle('gpt-4o'))).toBe(false);
    expect(decodeModelList(list)).toEqual(['gpt-4o-mini', 'xy']);
  });

  it('migration 6 moves run_models rows onto their runs and drops the table', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 5));
    const run = db.prepare(
      "INSERT INTO runs (trace_id, name, start_ns, end_ns, first_received_at_ms, last_received_at_ms) VALUES (?, 'r', 1, 2, 0, 0)",
    );
    run.run('t1');
    run.run('t2');
    const model = db.prepare('INSERT INTO run_models (trace_id, model) VALUES (?, ?)');
    model.run('t1', 'gpt-4o');
    model.run('t1', 'gpt-4o-2024-08-06');
    migrate(db, migrations);
    const lists = db.prepare<[], { trace_id: string; models: string }>('SELECT trace_id, models FROM runs').all();
    expect(lists.map((r) => [r.trace_id, decodeModelList(r.models).sort()])).toEqual([
      ['t1', ['gpt-4o', 'gpt-4o-2024-08-06']],
      ['t2', []],
    ]);
    expect(lists[1]!.models).toBe('');
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'run_models'").pluck().get()).toBe(0);
    db.close();
  });
});
