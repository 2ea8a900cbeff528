import type Database from 'better-sqlite3';
import {
  DEFAULT_REDACTION_CONFIG,
  MAX_USER_PATTERNS,
  type RedactionConfig,
  type RedactionUserPattern,
  type RedactionView,
  userPatternProblems,
} from '../../../shared/domain/redaction';
import { BUILTIN_RULE_INFO } from './builtin-rules';
import { redactionConfigProblemsTimed } from './pattern-probe';
import { Redactor } from './redactor';

/** The settings-table key holding the redaction config as JSON. */
export const REDACTION_SETTING_KEY = 'redaction';

/** The user's settings are refused (answered 400 by the API). */
export class RedactionConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'RedactionConfigError';
  }
}

/**
 * The redaction settings, stored in the `settings` table (on by default), and the compiled
 * redactor for them. The engine pushes the config to the decode workers when it changes; an
 * importer (in the engine or the CLI, on its own connection) reads it with `redactor()`.
 */
export class RedactionSettings {
  private readonly stmts;
  private current: { config: RedactionConfig; redactor: Redactor } | null = null;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  config(): RedactionConfig {
    return this.load().config;
  }

  /** The compiled redactor for the stored settings (compiled once per change). */
  redactor(): Redactor {
    return this.load().redactor;
  }

  view(): RedactionView {
    return { ...this.config(), builtins: [...BUILTIN_RULE_INFO] };
  }

  /** Validates and stores new settings; throws RedactionConfigError when any pattern is refused. */
  save(config: RedactionConfig): RedactionConfig {
    const clean: RedactionConfig = {
      enabled: config.enabled,
      userPatterns: config.userPatterns.map((p) => ({ name: p.name, pattern: p.pattern })),
    };
    const problems = redactionConfigProblemsTimed(clean);
    if (problems.length > 0) throw new RedactionConfigError(problems);
    const redactor = new Redactor(clean);
    this.stmts.put.run(REDACTION_SETTING_KEY, JSON.stringify(clean));
    this.current = { config: clean, redactor };
    return clean;
  }

  private load(): { config: RedactionConfig; redactor: Redactor } {
    if (!this.current) {
      const row = this.stmts.get.get(REDACTION_SETTING_KEY);
      const config = row ? parseStored(row.value) : DEFAULT_REDACTION_CONFIG;
      this.current = { config, redactor: new Redactor(config) };
    }
    return this.current;
  }
}

/**
 * Stored settings, read defensively: anything unreadable means redaction on with the built-ins, and
 * a stored pattern that is no longer accepted is left out (fail closed, never open).
 */
export function parseStored(json: string): RedactionConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return DEFAULT_REDACTION_CONFIG;
  }
  if (typeof raw !== 'object' || raw === null) return DEFAULT_REDACTION_CONFIG;
  const r = raw as { enabled?: unknown; userPatterns?: unknown };
  const patterns = Array.isArray(r.userPatterns) ? r.userPatterns : [];
  const userPatterns: RedactionUserPattern[] = [];
  for (const p of patterns) {
    if (typeof p !== 'object' || p === null) continue;
    const { name, pattern } = p as { name?: unknown; pattern?: unknown };
    if (typeof name !== 'string' || typeof pattern !== 'string') continue;
    const candidate = { name, pattern };
    if (userPatternProblems(candidate).length === 0 && !userPatterns.some((u) => u.name === name)) {
      userPatterns.push(candidate);
    }
  }
  return { enabled: r.enabled !== false, userPatterns: userPatterns.slice(0, MAX_USER_PATTERNS) };
}
