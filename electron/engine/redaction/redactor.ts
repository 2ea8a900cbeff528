/**
 * Applies the redaction rules to text and to attribute values in the lossless AttrValue form.
 * Compiled once per configuration (a decode worker keeps one until the settings change).
 *
 * The hot path is a value with nothing to redact: strings shorter than any built-in secret skip the
 * built-in rules, and a rule's regular expression runs only when the text contains one of its
 * literal needles. Nothing is copied unless something was redacted: a value, an attribute map or a
 * batch comes back as the very same object when it holds no secret.
 */
import type { AttrValue, Attributes } from '../../../shared/domain/attributes';
import {
  DEFAULT_REDACTION_CONFIG,
  type RedactionConfig,
  type RedactionTestResult,
  redactionMarker,
  userPatternRegExpParts,
} from '../../../shared/domain/redaction';
import { setAttribute } from '../otlp/model';
import { KEY_RULES, type KeyRule, VALUE_RULES, type ValueRule } from './builtin-rules';

/** Shorter text cannot hold any built-in secret (the shortest, a Basic credential, is 6 + 6). */
const MIN_BUILTIN_LENGTH = 12;
/** Distinct attribute keys remembered with their key rule (keys repeat across spans). */
const KEY_CACHE_LIMIT = 4096;

interface CompiledRule {
  name: string;
  marker: string;
  /** Runs the rule when the text may contain a match. */
  applies: (text: string) => boolean;
  regex: RegExp;
  replace?: ValueRule['replace'];
}

/** Counts rule hits when a caller wants them (the Settings preview); null on the ingest path. */
export type RedactionHits = Map<string, number> | null;

/** The literal needles of a rule; a case-insensitive needle in lower, Capitalized and UPPER case. */
function needlesOf(rule: ValueRule): string[] {
  if (!rule.needlesIgnoreCase) return [...rule.needles];
  return rule.needles.flatMap((n) => {
    const lower = n.toLowerCase();
    return [lower, lower.charAt(0).toUpperCase() + lower.slice(1), n.toUpperCase()];
  });
}

function needleTest(rule: ValueRule): (text: string) => boolean {
  const needles = needlesOf(rule);
  if (needles.length === 1) {
    const only = needles[0]!;
    return (text) => text.includes(only);
  }
  return (text) => {
    for (const n of needles) if (text.includes(n)) return true;
    return false;
  };
}

/**
 * One regular expression for every needle of every rule, shaped as a trie (`s(?:k-|ecret)|A(?:Iza|…`):
 * a single scan that rules out nearly every value, measured several times cheaper than looking for
 * each rule's needles in turn (test/bench/redaction.bench.ts).
 */
function gateFor(rules: readonly ValueRule[]): RegExp {
  const all = [...new Set(rules.flatMap(needlesOf))];
  // A needle that contains another is implied by it ('sk-ant-' by 'sk-').
  return new RegExp(trie(all.filter((n) => !all.some((m) => m !== n && n.includes(m)))));
}

function trie(words: readonly string[]): string {
  const byFirst = new Map<string, string[]>();
  for (const w of words) byFirst.set(w.charAt(0), [...(byFirst.get(w.charAt(0)) ?? []), w.slice(1)]);
  return [...byFirst]
    .map(([first, rests]) => {
      const head = escapeRegExp(first);
      if (rests.includes('')) return head;
      return rests.length === 1 ? head + escapeRegExp(rests[0]!) : `${head}(?:${trie(rests)})`;
    })
    .join('|');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function compileBuiltin(rule: ValueRule): CompiledRule {
  return {
    name: rule.name,
    marker: redactionMarker(rule.name),
    applies: needleTest(rule),
    regex: rule.regex,
    replace: rule.replace,
  };
}

const BUILTINS: readonly CompiledRule[] = VALUE_RULES.map(compileBuiltin);
const BUILTIN_GATE = gateFor(VALUE_RULES);

export class Redactor {
  readonly enabled: boolean;
  private readonly userRules: CompiledRule[];
  private readonly keyRules = new Map<string, KeyRule | null>();

  /** Throws on an invalid user pattern (validate with redactionConfigProblems first). */
  constructor(readonly config: RedactionConfig = DEFAULT_REDACTION_CONFIG) {
    this.enabled = config.enabled;
    this.userRules = config.userPatterns.map((p) => {
      const { source, flags } = userPatternRegExpParts(p.pattern);
      return { name: p.name, marker: redactionMarker(p.name), applies: () => true, regex: new RegExp(source, flags) };
    });
  }

  /** A redactor that changes nothing (redaction switched off). */
  static disabled(): Redactor {
    return new Redactor({ enabled: false, userPatterns: [] });
  }

  /** Text with every secret replaced by its marker. */
  redactText(text: string, hits: RedactionHits = null): string {
    if (!this.enabled) return text;
    let out = text;
    if (text.length >= MIN_BUILTIN_LENGTH && BUILTIN_GATE.test(text)) {
      // Needles are looked for in the original text: a rule may depend on what an earlier one
      // replaced (an AWS secret key is looked for where an access key id was).
      for (const rule of BUILTINS) if (rule.applies(text)) out = applyRule(rule, out, hits);
    }
    for (const rule of this.userRules) out = applyOutsideMarkers(rule, out, hits);
    return out;
  }

  /** An attribute value with secrets replaced (the same value when there were none). */
  redactValue(value: AttrValue, hits: RedactionHits = null): AttrValue {
    if (!this.enabled) return value;
    if (typeof value === 'string') return this.redactText(value, hits);
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return this.redactArray(value, hits);
    if ('$kv' in value) {
      const kv = this.redactAttributes(value.$kv, hits);
      return kv === value.$kv ? value : { $kv: kv };
    }
    return value; // $int, $double, $bytes
  }

  /**
   * Each element redacted; and a private key split over elements (one line each, as a log or a
   * command's output may be) is removed from its BEGIN line to its END line.
   */
  private redactArray(values: AttrValue[], hits: RedactionHits): AttrValue[] {
    let inKey = false;
    return mapSame(values, (v) => {
      if (typeof v !== 'string') return this.redactValue(v, hits);
      if (inKey) {
        if (v.includes('-----END')) inKey = false;
        countHit(hits, 'private-key');
        return redactionMarker('private-key');
      }
      if (v.includes('-----BEGIN') && PEM_OPENS.test(v) && !v.includes('-----END')) inKey = true;
      return this.redactText(v, hits);
    });
  }

  /** Attributes with secrets replaced, by key name and by value (the same object when there were none). */
  redactAttributes(attributes: Attributes, hits: RedactionHits = null): Attributes {
    if (!this.enabled) return attributes;
    let out: Attributes | null = null;
    for (const key of Object.keys(attributes)) {
      const value = attributes[key]!;
      const rule = this.keyRule(key);
      const redacted = rule ? redactWhole(value, rule, hits) : this.redactValue(value, hits);
      if (redacted !== value) {
        out ??= { ...attributes };
        setAttribute(out, key, redacted);
      }
    }
    return out ?? attributes;
  }

  /** The key rule for an attribute name, or null (cached: the same keys recur on every span). */
  keyRule(key: string): KeyRule | null {
    let rule = this.keyRules.get(key);
    if (rule === undefined) {
      const lower = key.toLowerCase();
      rule = KEY_RULES.find((r) => r.key.test(lower) && !r.except?.test(lower)) ?? null;
      if (this.keyRules.size >= KEY_CACHE_LIMIT) this.keyRules.clear();
      this.keyRules.set(key, rule);
    }
    return rule;
  }

  /**
   * What redaction does to `text` (as an attribute named `key` when given), with the rules that
   * matched: the Settings preview. Applies the rules even when redaction is switched off.
   */
  test(text: string, key?: string): RedactionTestResult {
    const on = this.enabled ? this : new Redactor({ ...this.config, enabled: true });
    const hits = new Map<string, number>();
    const rule = key === undefined ? null : on.keyRule(key);
    const redacted = rule ? (redactWhole(text, rule, hits) as string) : on.redactText(text, hits);
    return { redacted, matches: [...hits].map(([name, count]) => ({ name, count })) };
  }
}

function countHit(hits: RedactionHits, name: string): void {
  if (hits) hits.set(name, (hits.get(name) ?? 0) + 1);
}

function applyRule(rule: CompiledRule, text: string, hits: RedactionHits): string {
  return text.replace(rule.regex, (match: string, ...rest: unknown[]) => {
    // An empty match (a user pattern such as `\b`) has nothing to hide.
    if (match === '') return match;
    let out: string | null = rule.marker;
    if (rule.replace) {
      const groups = rest.slice(
        0,
        rest.findIndex((r) => typeof r === 'number'),
      ) as Array<string | undefined>;
      out = rule.replace(rule.marker, match, groups);
    }
    if (out === null) return match;
    countHit(hits, rule.name);
    return out;
  });
}

/** A private key's first line, its block not closed in the same text. */
const PEM_OPENS = /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/;

const MARKERS = /(\[REDACTED:[A-Za-z0-9_.-]{1,40}\])/;

/** A user pattern never rewrites a marker (`key` must not turn `[REDACTED:openai-key]` into nonsense). */
function applyOutsideMarkers(rule: CompiledRule, text: string, hits: RedactionHits): string {
  if (!text.includes('[REDACTED:')) return applyRule(rule, text, hits);
  // split() with a capturing group: markers at the odd indexes.
  return text
    .split(MARKERS)
    .map((part, i) => (i % 2 === 1 ? part : applyRule(rule, part, hits)))
    .join('');
}

/** A value under a secret-looking key: every string (and number, unless counts are kept) becomes the marker. */
function redactWhole(value: AttrValue, rule: KeyRule, hits: RedactionHits): AttrValue {
  const marker = redactionMarker(rule.name);
  const whole = (v: AttrValue): AttrValue => {
    if (v === null || typeof v === 'boolean') return v;
    if (typeof v === 'string') {
      if (v === '' || v === marker) return v;
      countHit(hits, rule.name);
      return marker;
    }
    if (typeof v === 'number') {
      if (rule.keepNumbers) return v;
      countHit(hits, rule.name);
      return marker;
    }
    if (Array.isArray(v)) return mapSame(v, whole);
    if ('$kv' in v) {
      let out: Attributes | null = null;
      for (const key of Object.keys(v.$kv)) {
        const inner = v.$kv[key]!;
        const redacted = whole(inner);
        if (redacted !== inner) {
          out ??= { ...v.$kv };
          setAttribute(out, key, redacted);
        }
      }
      return out ? { $kv: out } : v;
    }
    if (('$int' in v || '$double' in v) && rule.keepNumbers) return v;
    countHit(hits, rule.name);
    return marker;
  };
  return whole(value);
}

/** `values.map(fn)`, or `values` itself when fn changed nothing. */
function mapSame(values: AttrValue[], fn: (v: AttrValue) => AttrValue): AttrValue[] {
  let out: AttrValue[] | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const r = fn(v);
    if (r !== v) {
      out ??= values.slice();
      out[i] = r;
    }
  }
  return out ?? values;
}

let builtinOnly: Redactor | null = null;

/** The default settings' redactor (built-in rules on), compiled once. */
export function defaultRedactor(): Redactor {
  builtinOnly ??= new Redactor(DEFAULT_REDACTION_CONFIG);
  return builtinOnly;
}
