/**
 * The models a run called, kept on its `runs` row (column `models`) as one string: each name
 * wrapped in SEPARATOR (`\u0001gpt-4o\u0001gpt-4o-2024-08-06\u0001`), so a filter for one model is
 * an exact `instr` match per row. This replaced a run_models table (migration 6): one column costs
 * ingest no extra B-tree inserts, and a model filter reads the row it already scans.
 */
export const SEPARATOR = '\u0001';

/** What `instr(runs.models, ?)` looks for: exactly this model. */
export function modelNeedle(model: string): string {
  return `${SEPARATOR}${model}${SEPARATOR}`;
}

/** The stored form of a set of models ('' for none). A separator inside a name is dropped. */
export function encodeModelList(models: Iterable<string>): string {
  let out = SEPARATOR;
  for (const m of models) {
    const clean = m.replaceAll(SEPARATOR, '');
    if (clean !== '' && !out.includes(modelNeedle(clean))) out += `${clean}${SEPARATOR}`;
  }
  return out === SEPARATOR ? '' : out;
}

/** The models in a stored list, in the order they were first seen. */
export function decodeModelList(list: string): string[] {
  return list.split(SEPARATOR).filter((m) => m !== '');
}

/** Both lists' models, each once (`stored` first): the runs upsert's merge (SQL function). */
export function unionModelLists(stored: string, added: string): string {
  if (added === '' || stored === added) return stored;
  if (stored === '') return added;
  return encodeModelList([...decodeModelList(stored), ...decodeModelList(added)]);
}
