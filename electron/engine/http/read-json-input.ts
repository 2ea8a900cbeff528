import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { mediaTypeOf } from './media-type';
import { BodyTooLargeError, readBody } from './read-body';

/**
 * Reads a JSON request body (an empty body is `{}`) and validates it against `schema`. Resolves
 * with the data, or with a plain-words error for a 400: not JSON, too large, or invalid (each
 * issue with its path).
 */
export async function readJsonInput<S extends z.ZodType>(
  req: IncomingMessage,
  schema: S,
  opts: { limit: number; requests: string; input: string },
): Promise<{ data: z.output<S> } | { error: string }> {
  if (mediaTypeOf(req.headers) !== 'application/json') return { error: `${opts.requests} must be application/json` };
  let input: unknown;
  try {
    const body = await readBody(req, opts.limit);
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch (err) {
    return { error: err instanceof BodyTooLargeError ? err.message : `invalid JSON body: ${(err as Error).message}` };
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { data: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  return { error: `invalid ${opts.input}: ${issues}` };
}
