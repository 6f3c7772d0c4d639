import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { defaultIo, type CliIo } from './cli/runtime.js';
import { ConfigError, SpikeSyncError, describeError } from './lib/errors.js';
import { terminalText } from './lib/terminal-text.js';

const MAX_ERROR_CHARS = 1000;

/** Runs the CLI and returns the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const result = { exitCode: 0 };
  try {
    await buildProgram(io, result).parseAsync([...argv], { from: 'user' });
    return result.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    const prefix = err instanceof ConfigError ? 'configuration error: ' : '';
    // The message may quote API text (an error body, a title): one line, nothing a terminal would obey.
    io.stderr.write(`spike-sync: ${prefix}${terminalText(describeError(err), MAX_ERROR_CHARS)}\n`);
    if (!(err instanceof SpikeSyncError) && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return err instanceof SpikeSyncError ? err.exitCode : 1;
  }
}

/**
 * Last resort for the bin script. If the event loop empties while the command is still pending,
 * something can never finish, and Node would exit with code 13 and no word. Say so and exit 1; the
 * next run marks this run interrupted in the ledger and takes over its lock (the pid is gone).
 */
export function exitLoudlyIfStalled(pending: Promise<unknown>, stderr: NodeJS.WritableStream): void {
  let settled = false;
  pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  process.once('beforeExit', () => {
    if (settled) return;
    stderr.write('spike-sync: internal error: the command stopped with work unfinished (an operation could never complete); the next run records this run as interrupted\n');
    process.exitCode = 1;
  });
}
