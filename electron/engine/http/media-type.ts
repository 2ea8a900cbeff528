import type { IncomingHttpHeaders } from 'node:http';

/** The media type of a request, lowercased, without parameters: `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
