/** Forwarding: relaying everything received (after redaction) to an upstream OTLP/HTTP endpoint. */

/** Where to forward: an OTLP/HTTP base URL (…/v1/traces and …/v1/logs are appended) and headers. */
export interface ForwardingTarget {
  url: string;
  headers: Record<string, string>;
}

/** The stored Settings toggle (the `forwarding` row of the settings table). */
export interface ForwardingConfig extends ForwardingTarget {
  enabled: boolean;
}

export interface ForwardingStatus {
  enabled: boolean;
  /** The base URL, or '' when never configured. */
  url: string;
  /** Header names only: values (API keys) are never sent back. */
  headerNames: string[];
  /** Where the current setting comes from: the `--forward-to` flag or the Settings toggle. */
  source: 'cli' | 'settings';
  /** Spans and log records waiting or in flight. */
  queued: number;
  /** Accepted by the upstream. */
  sent: number;
  /** Left out because the queue was full (oldest first). */
  dropped: number;
  /** Given up after repeated failed exports. */
  failed: number;
  lastError: string | null;
  /** Epoch ms of the last successful export. */
  lastSentAt: number | null;
}

/** Problems with a forwarding URL ('' when it is fine): absolute http(s) with no credentials. */
export function forwardingUrlProblem(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `not a valid URL: ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'the URL must start with http:// or https://';
  if (parsed.username || parsed.password) return 'put credentials in a header, not in the URL';
  return '';
}

/** The signal endpoint for a base URL: `…/v1/traces` appended unless the URL already names one. */
export function signalUrl(base: string, signal: 'traces' | 'logs'): string {
  const trimmed = base.replace(/\/+$/, '');
  const named = /\/v1\/(traces|logs)$/.exec(trimmed);
  if (named) return `${trimmed.slice(0, -named[0].length)}/v1/${signal}`;
  return `${trimmed}/v1/${signal}`;
}
