import { CliError } from './cli-error';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { runCommand } from './commands/run';
import { runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { statsCommand } from './commands/stats';
import { LOUPE_VERSION } from '../engine/version';

const help = `Loupe ${LOUPE_VERSION} — a local console for AI agents: OTLP collector, runs, replay, evals.

Usage: loupe <command> [options]

Commands:
  serve           start Loupe headless (collector + UI) and print its URLs
  runs            list runs, newest first
  run <traceId>   show one run as steps: model, tokens, cost, timing
  stats           fleet metrics: error rate, latency percentiles, cost and tokens
  import <file…>  import trace files: OTLP JSON / JSON Lines / protobuf, Jaeger JSON (gzip'd or not)
  export <id…>    write runs as OTLP JSON (-o FILE), re-importable exactly

Run \`loupe <command> --help\` for a command's options. Data dir: --data-dir or $LOUPE_DATA_DIR.`;

const commands: Record<string, (args: string[]) => number | 'running' | Promise<number | 'running'>> = {
  serve: serveCommand,
  runs: runsCommand,
  run: runCommand,
  stats: statsCommand,
  import: importCommand,
  export: exportCommand,
};

/** Runs the CLI; resolves with an exit code, or 'running' for a long-lived command. */
export async function main(argv: string[]): Promise<number | 'running'> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(LOUPE_VERSION);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(`loupe: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}. See loupe --help.`);
    return 2;
  }
  try {
    return await command(rest);
  } catch (err) {
    if (err instanceof CliError) {
      console.error(`loupe ${name}: ${err.message}`);
      return err.exitCode;
    }
    console.error(`loupe ${name}: unexpected error: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}
