import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_PATTERN_LENGTH,
  MAX_USER_PATTERNS,
  nestedQuantifier,
  userPatternProblems,
} from '../../../../../shared/domain/redaction';
import {
  REDACTION_SETTING_KEY,
  RedactionConfigError,
  RedactionSettings,
  parseStored,
} from '../../../../../electron/engine/redaction/redaction-settings';
import { openDatabase } from '../../../../../electron/engine/store/open-database';
import { slowPatternProblem } from '../../../../../electron/engine/redaction/pattern-probe';
import { makeTempDir } from '../../../../helpers/temp-dir';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function openSettings(dir?: string) {
  const tmp = dir ? { dir, remove: () => {} } : makeTempDir();
  const db = openDatabase(tmp.dir);
  cleanups.push(() => {
    db.close();
    tmp.remove();
  });
  return { db, dir: tmp.dir, settings: new RedactionSettings(db) };
}

describe('stored settings', () => {
  it('are on with the built-ins by default', () => {
    const { settings } = openSettings();
    const view = settings.view();
    expect(view.enabled).toBe(true);
    expect(view.userPatterns).toEqual([]);
    expect(view.builtins.map((b) => b.name)).toContain('openai-key');
    expect(settings.redactor().enabled).toBe(true);
  });

  it('persist in the settings table and survive a reopen', () => {
    const tmp = makeTempDir();
    cleanups.push(tmp.remove);
    const first = openDatabase(tmp.dir);
    new RedactionSettings(first).save({ enabled: false, userPatterns: [{ name: 'cust', pattern: 'CUST-\\d+' }] });
    const stored = first.prepare('SELECT value FROM settings WHERE key = ?').get(REDACTION_SETTING_KEY) as {
      value: string;
    };
    expect(JSON.parse(stored.value)).toEqual({
      enabled: false,
      userPatterns: [{ name: 'cust', pattern: 'CUST-\\d+' }],
    });
    first.close();
    const { settings } = openSettings(tmp.dir);
    expect(settings.config()).toEqual({ enabled: false, userPatterns: [{ name: 'cust', pattern: 'CUST-\\d+' }] });
    expect(settings.redactor().enabled).toBe(false);
  });

  it('refuse a bad pattern and keep the previous settings', () => {
    const { settings } = openSettings();
    settings.save({ enabled: true, userPatterns: [{ name: 'ok', pattern: 'abc' }] });
    expect(() => settings.save({ enabled: true, userPatterns: [{ name: 'bad', pattern: '(a+)+$' }] })).toThrow(
      RedactionConfigError,
    );
    expect(settings.config().userPatterns).toEqual([{ name: 'ok', pattern: 'abc' }]);
  });

  it('read defensively: unreadable means on, and a stored pattern no longer accepted is dropped', () => {
    expect(parseStored('not json')).toEqual({ enabled: true, userPatterns: [] });
    expect(parseStored('null')).toEqual({ enabled: true, userPatterns: [] });
    expect(parseStored('{"enabled":"no"}')).toEqual({ enabled: true, userPatterns: [] });
    expect(
      parseStored(
        JSON.stringify({
          enabled: false,
          userPatterns: [{ name: 'good', pattern: 'x+' }, { name: 'evil', pattern: '(.*)*' }, { pattern: 'y' }, 'z'],
        }),
      ),
    ).toEqual({ enabled: false, userPatterns: [{ name: 'good', pattern: 'x+' }] });
  });
});

describe('user pattern validation', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of [
      'CUST-\\d{6,}',
      '(?i)project\\s+bluebird',
      '(?:foo|bar)+baz',
      '[A-Z]{3}-\\d{4}',
      '(\\d{4})+',
    ])
      expect(userPatternProblems({ name: 'p', pattern })).toEqual([]);
  });

  it('refuses invalid, empty-matching and over-long patterns and bad names', () => {
    expect(userPatternProblems({ name: 'p', pattern: '(' })[0]).toMatch(/not a valid regular expression/);
    expect(userPatternProblems({ name: 'p', pattern: 'a*' })).toEqual(['pattern matches empty text']);
    expect(userPatternProblems({ name: 'p', pattern: 'a'.repeat(MAX_PATTERN_LENGTH + 1) })[0]).toMatch(/longer/);
    expect(userPatternProblems({ name: 'has space', pattern: 'x' })[0]).toMatch(/name/);
    expect(userPatternProblems({ name: '[x]', pattern: 'x' })[0]).toMatch(/name/);
  });

  it('refuses nested quantifiers, the classic catastrophic backtracking forms', () => {
    for (const pattern of [
      '(a+)+',
      '(a*)*b',
      '(\\w+\\s?)*$',
      '((ab)+c)+',
      '(?:x+y?)+z',
      '([a-z]{1,10})+!',
      '(.*a){3,}',
    ])
      expect(nestedQuantifier(pattern), pattern).not.toBeNull();
    for (const pattern of ['(a+)', '[(a+)+]', '\\(a+\\)+', '(ab)+', '(a{3})+', 'a+b+c*'])
      expect(nestedQuantifier(pattern), pattern).toBeNull();
  });

  it('refuses patterns that backtrack for long on some values, timed in a sandbox (quadratic ones too)', () => {
    for (const pattern of ['\\w+@\\w+\\.com', '[a-z0-9-]+\\.corp\\.example\\.com', '(a|a)*b', '(x|xx)+y']) {
      expect(slowPatternProblem({ name: 'p', pattern }), pattern).toMatch(/takes too long/);
    }
    for (const pattern of ['\\w{1,64}@\\w{1,64}\\.com', '[a-z0-9-]{1,63}\\.corp\\.example\\.com', 'CUST-\\d{6,}']) {
      expect(slowPatternProblem({ name: 'p', pattern }), pattern).toBeNull();
    }
    const { settings } = openSettings();
    expect(() =>
      settings.save({ enabled: true, userPatterns: [{ name: 'email', pattern: '\\w+@\\w+\\.com' }] }),
    ).toThrow(/email.*takes too long/);
  });

  it('caps the number of patterns and refuses duplicate names', () => {
    const { settings } = openSettings();
    const many = Array.from({ length: MAX_USER_PATTERNS + 1 }, (_, i) => ({ name: `p${i}`, pattern: `x${i}` }));
    expect(() => settings.save({ enabled: true, userPatterns: many })).toThrow(/at most/);
    expect(() =>
      settings.save({
        enabled: true,
        userPatterns: [
          { name: 'a', pattern: 'x' },
          { name: 'a', pattern: 'y' },
        ],
      }),
    ).toThrow(/duplicate name/);
  });
});
