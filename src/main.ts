import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { defaultIo, type CliIo } from './cli/runtime.js';
import { ConfigError, SpikeSyncError, describeError } from './lib/errors.js';

/** Runs the CLI and returns the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const result = { exitCode: 0 };
  try {
    await buildProgram(io, result).parseAsync([...argv], { from: 'user' });
    return result.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    const prefix = err instanceof ConfigError ? 'configuration error: ' : '';
    io.stderr.write(`spike-sync: ${prefix}${describeError(err)}\n`);
    if (!(err instanceof SpikeSyncError) && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return err instanceof SpikeSyncError ? err.exitCode : 1;
  }
}
