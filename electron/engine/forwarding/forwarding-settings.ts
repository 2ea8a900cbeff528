import type Database from 'better-sqlite3';
import { type ForwardingConfig, forwardingUrlProblem } from '../../../shared/domain/forwarding';

/** The settings-table key holding the forwarding toggle as JSON. */
export const FORWARDING_SETTING_KEY = 'forwarding';

export const DEFAULT_FORWARDING: ForwardingConfig = { enabled: false, url: '', headers: {} };

/** The Settings toggle for forwarding, kept in the `settings` table (off by default). */
export class ForwardingSettings {
  private readonly stmts;

  constructor(db: Database.Database) {
    this.stmts = {
      get: db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?'),
      put: db.prepare<[string, string]>(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  load(): ForwardingConfig {
    const row = this.stmts.get.get(FORWARDING_SETTING_KEY);
    return row ? parseStoredForwarding(row.value) : DEFAULT_FORWARDING;
  }

  /** Stores the toggle; `keepHeaders` names stored headers kept with their stored values (unless given anew). */
  save(config: ForwardingConfig, keepHeaders: readonly string[] = []): ForwardingConfig {
    const stored = this.load().headers;
    const kept = Object.fromEntries(keepHeaders.filter((k) => Object.hasOwn(stored, k)).map((k) => [k, stored[k]!]));
    const clean: ForwardingConfig = {
      enabled: config.enabled,
      url: config.url,
      headers: { ...kept, ...config.headers },
    };
    this.stmts.put.run(FORWARDING_SETTING_KEY, JSON.stringify(clean));
    return clean;
  }
}

/** Stored settings, read defensively: anything unreadable or invalid means off. */
export function parseStoredForwarding(json: string): ForwardingConfig {
  try {
    const raw = JSON.parse(json) as Partial<ForwardingConfig> | null;
    if (typeof raw !== 'object' || raw === null || typeof raw.url !== 'string') return DEFAULT_FORWARDING;
    const headers: Record<string, string> = {};
    if (typeof raw.headers === 'object' && raw.headers !== null) {
      for (const [k, v] of Object.entries(raw.headers)) if (typeof v === 'string') headers[k] = v;
    }
    const enabled = raw.enabled === true && forwardingUrlProblem(raw.url) === '';
    return { enabled, url: raw.url, headers };
  } catch {
    return DEFAULT_FORWARDING;
  }
}
