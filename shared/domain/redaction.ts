/**
 * Secret redaction at ingest: the settings the user controls and their validation. Pure, so the
 * Settings UI can check a pattern as it is typed with the same rules the engine applies.
 */

/** A user's extra pattern: every match of `pattern` becomes `[REDACTED:<name>]`. */
export interface RedactionUserPattern {
  name: string;
  /** A JavaScript regular expression source; a leading `(?i)` makes it case-insensitive. */
  pattern: string;
}

/** What is stored (settings table, key `redaction`) and sent to the decode workers. */
export interface RedactionConfig {
  enabled: boolean;
  userPatterns: RedactionUserPattern[];
}

/** A built-in rule, as listed in Settings. */
export interface RedactionRuleInfo {
  name: string;
  description: string;
  /** `value`: matched inside any text; `key`: the whole value of an attribute with such a name. */
  kind: 'value' | 'key';
}

export interface RedactionView extends RedactionConfig {
  builtins: RedactionRuleInfo[];
}

export interface RedactionTestResult {
  redacted: string;
  /** Rules that matched, each once, with how many times. */
  matches: Array<{ name: string; count: number }>;
}

export const DEFAULT_REDACTION_CONFIG: RedactionConfig = { enabled: true, userPatterns: [] };

export const MAX_USER_PATTERNS = 50;
export const MAX_PATTERN_LENGTH = 500;
/** Names end up inside markers and JSON: short, and no brackets, quotes or spaces. */
export const PATTERN_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

/** The marker that replaces redacted text. */
export function redactionMarker(name: string): string {
  return `[REDACTED:${name}]`;
}

/** Source and flags of a user pattern (a leading `(?i)` becomes the `i` flag). */
export function userPatternRegExpParts(pattern: string): { source: string; flags: string } {
  return pattern.startsWith('(?i)') ? { source: pattern.slice(4), flags: 'gi' } : { source: pattern, flags: 'g' };
}

/**
 * Problems with one user pattern ([] when it can be used): a bad name, an invalid or over-long
 * regular expression, one that matches the empty string, or one with nested quantifiers such as
 * `(a+)+` or `(\w*)*`, which can take exponential time on a crafted value (ReDoS) — the decode
 * workers run these against every attribute of every span.
 */
export function userPatternProblems(p: RedactionUserPattern): string[] {
  const problems: string[] = [];
  if (!PATTERN_NAME_RE.test(p.name)) {
    problems.push('name must be 1–40 letters, digits, ".", "_" or "-", starting with a letter or digit');
  }
  if (p.pattern.length === 0) problems.push('pattern is empty');
  else if (p.pattern.length > MAX_PATTERN_LENGTH)
    problems.push(`pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  else {
    const { source, flags } = userPatternRegExpParts(p.pattern);
    let re: RegExp | null = null;
    try {
      re = new RegExp(source, flags);
    } catch (err) {
      problems.push(`not a valid regular expression: ${(err as Error).message}`);
    }
    if (re) {
      if (new RegExp(`^(?:${source})$`, flags.replace('g', '')).test('')) problems.push('pattern matches empty text');
      const nested = nestedQuantifier(source);
      if (nested) problems.push(`${nested} can take exponential time on some values; simplify the pattern`);
    }
  }
  return problems;
}

/** Problems with a whole configuration, each prefixed with the pattern it concerns. */
export function redactionConfigProblems(config: RedactionConfig): string[] {
  const problems: string[] = [];
  if (config.userPatterns.length > MAX_USER_PATTERNS) problems.push(`at most ${MAX_USER_PATTERNS} user patterns`);
  const names = new Set<string>();
  config.userPatterns.forEach((p, i) => {
    const label = `userPatterns[${i}] (${p.name})`;
    for (const problem of userPatternProblems(p)) problems.push(`${label}: ${problem}`);
    if (names.has(p.name)) problems.push(`${label}: duplicate name`);
    names.add(p.name);
  });
  return problems;
}

/**
 * The first group that is repeated and itself contains a repetition (star height > 1), described
 * for an error message; null when there is none. A heuristic, as safe-regex uses: it catches the
 * classic catastrophic forms without parsing every corner of the syntax.
 */
export function nestedQuantifier(source: string): string | null {
  // One entry per open group: does it contain a quantifier, and where it starts.
  const stack: Array<{ quantified: boolean; start: number }> = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      stack.push({ quantified: false, start: i });
      continue;
    }
    if (c === ')') {
      const group = stack.pop();
      if (!group) continue;
      if (group.quantified && quantifierAt(source, i + 1).repeats) {
        return `the repeated group ${source.slice(group.start, i + 1)}`;
      }
      if (group.quantified && stack.length > 0) stack[stack.length - 1]!.quantified = true;
      continue;
    }
    const q = quantifierAt(source, i);
    if (q.variable && stack.length > 0) stack[stack.length - 1]!.quantified = true;
    i += q.length - 1;
  }
  return null;
}

/**
 * The quantifier starting at `i`: whether it can repeat (more than once), whether its count varies
 * (`*`, `+`, `{n,}`, `{n,m}`; a fixed `{n}` does not), and its length (1 where there is none).
 */
function quantifierAt(source: string, i: number): { repeats: boolean; variable: boolean; length: number } {
  const c = source[i];
  if (c === '*' || c === '+') return { repeats: true, variable: true, length: 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return { repeats: max > 1, variable: max > min, length: m[0].length };
    }
  }
  return { repeats: false, variable: false, length: 1 };
}
