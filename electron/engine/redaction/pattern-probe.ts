import { createContext, runInContext } from 'node:vm';
import {
  type RedactionConfig,
  type RedactionUserPattern,
  redactionConfigProblems,
  userPatternRegExpParts,
} from '../../../shared/domain/redaction';

/**
 * Per input: a quadratic pattern takes ~PROBE_LENGTH²/2 steps (≈ 0.7 s and more), a linear one or
 * one with bounded repetitions ({1,64}) a few tens of milliseconds at worst, under the limit even
 * on a busy machine.
 */
const PROBE_LENGTH = 25_000;
const PROBE_TIMEOUT_MS = 150;
const GENERIC_UNITS = ['a', 'A', '1', ' ', '\n', '-', '.', '_', '/', 'aA1', 'a ', 'a.', 'a-', 'a_', 'a@', '1.', 'é'];

/** Texts that make backtracking regular expressions slow: long runs of what they accept, then a stop. */
function probeInputs(source: string): string[] {
  const literals = [...new Set(source.replace(/\\./g, '').match(/[A-Za-z0-9@:#%&=~<>!,'"`]/g) ?? [])].slice(0, 12);
  return [...GENERIC_UNITS, ...literals].map(
    (unit) => unit.repeat(Math.ceil(PROBE_LENGTH / unit.length)).slice(0, PROBE_LENGTH) + '\u0000!',
  );
}

/**
 * The problem with a user pattern that is slow on some values (polynomial or exponential
 * backtracking: `\w+@\w+\.com`, `(a|a)*b`), or null. The pattern runs in a V8 context with a time
 * limit, which interrupts even a regular expression stuck in backtracking. The decode workers run
 * user patterns on every string of every span, so one slow pattern would stall ingest.
 */
export function slowPatternProblem(p: RedactionUserPattern): string | null {
  const { source, flags } = userPatternRegExpParts(p.pattern);
  const sandbox = createContext({ re: new RegExp(source, flags), s: '' });
  for (const input of probeInputs(source)) {
    sandbox['s'] = input;
    try {
      runInContext('re.lastIndex = 0; s.replace(re, "");', sandbox, { timeout: PROBE_TIMEOUT_MS });
    } catch {
      return (
        'takes too long on some values (backtracking); bound repetitions, e.g. {1,64} instead of + or *, ' +
        'and avoid alternatives that overlap'
      );
    }
  }
  return null;
}

/** Every problem with a configuration: the shared checks, then a timed run of each pattern that passed them. */
export function redactionConfigProblemsTimed(config: RedactionConfig): string[] {
  const problems = redactionConfigProblems(config);
  if (problems.length > 0) return problems;
  config.userPatterns.forEach((p, i) => {
    const slow = slowPatternProblem(p);
    if (slow) problems.push(`userPatterns[${i}] (${p.name}): ${slow}`);
  });
  return problems;
}
