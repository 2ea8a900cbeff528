/** The text a span or log record is found by: its name, status and every string it carries. */

const MAX_TEXT = 64 * 1024;

function collect(value: unknown, out: string[], budget: { left: number }): void {
  if (budget.left <= 0 || value === null || value === undefined) return;
  if (typeof value === 'string') {
    // Long base64 / binary-looking blobs are not worth indexing.
    if (value.length > 256 && !/\s/.test(value.slice(0, 256))) return;
    const text = value.length > budget.left ? value.slice(0, budget.left) : value;
    out.push(text);
    budget.left -= text.length;
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, budget);
    return;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('$int' in o || '$double' in o || '$bytes' in o) return;
    for (const v of Object.values('$kv' in o ? (o.$kv as Record<string, unknown>) : o)) collect(v, out, budget);
  }
}

/** Parses a stored JSON column (attributes, events, body) and collects its strings. */
function collectJson(json: string, out: string[], budget: { left: number }): void {
  if (json === '{}' || json === '[]' || budget.left <= 0) return;
  try {
    collect(JSON.parse(json) as unknown, out, budget);
  } catch {
    // A column that is not JSON cannot happen (the writer stores JSON.stringify output); skip it.
  }
}

export function spanSearchText(
  name: string,
  statusMessage: string,
  attributesJson: string,
  eventsJson: string,
): string {
  const out = [name, statusMessage];
  const budget = { left: MAX_TEXT };
  collectJson(attributesJson, out, budget);
  collectJson(eventsJson, out, budget);
  return out.join('\n');
}

export function logSearchText(eventName: string, bodyJson: string, attributesJson: string): string {
  const out = [eventName];
  const budget = { left: MAX_TEXT };
  collectJson(bodyJson, out, budget);
  collectJson(attributesJson, out, budget);
  return out.join('\n');
}

/**
 * User text as an FTS5 query: every word must appear (as a prefix), and FTS5 syntax characters in
 * the input are taken literally. Null when there is no word to search for.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.trim())
    .filter((w) => w !== '')
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
