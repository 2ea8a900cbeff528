import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with usage errors turned into CliError(…, 2). */
export function parseOptions<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}. See --help.`, 2);
  }
}

/** A TCP port option: integer 0..65535 (0 = any free port). */
export function portOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new CliError(`${flag} must be a port number from 0 to 65535 (got "${value}")`, 2);
  return n;
}

export function positiveIntOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new CliError(`${flag} must be a positive integer (got "${value}")`, 2);
  return n;
}
