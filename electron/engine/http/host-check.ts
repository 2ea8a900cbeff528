import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', 'localhost.']);

/**
 * DNS-rebinding defence: a browser tricked into sending a request to our port still sends the
 * attacker's host name, so only loopback names (with any port) are accepted.
 */
export function isLoopbackHost(headers: IncomingHttpHeaders): boolean {
  const host = headers.host;
  if (!host) return false;
  const lower = host.toLowerCase();
  const m = /^(\[[^\]]*\]|[^:]*)(?::\d+)?$/.exec(lower);
  return m !== null && LOOPBACK_NAMES.has(m[1]!);
}
