import { CommanderError } from 'commander';
import { buildProgram } from './cli/program.js';
import { defaultIo, readEnv, type CliIo } from './cli/io.js';
import { ConfigError, SpikeSyncError, describeError } from './lib/errors.js';
import { createScrubber, type Scrubber } from './lib/scrub.js';
import { MAX_ERROR_LINE_CHARS as MAX_ERROR_CHARS, terminalText } from './lib/terminal-text.js';

/** Runs the CLI and returns the exit code; errors become one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const result = { exitCode: 0 };
  try {
    await buildProgram(io, result).parseAsync([...argv], { from: 'user' });
    return result.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    const prefix = err instanceof ConfigError ? 'configuration error: ' : '';
    const scrub = keyScrubber(io);
    // The message may quote API text (an error body, a title): one line, nothing a terminal would obey.
    io.stderr.write(`spike-sync: ${prefix}${terminalText(scrub(describeError(err)), MAX_ERROR_CHARS)}\n`);
    // An unexpected error keeps its stack for a bug report, each line made as safe as the message.
    if (!(err instanceof SpikeSyncError) && err instanceof Error && err.stack) io.stderr.write(`${safeLines(scrub(err.stack))}\n`);
    return err instanceof SpikeSyncError ? err.exitCode : 1;
  }
}

/** The last gate before stderr: whatever slipped past the scrubbing at the source, the key does not get out here. */
function keyScrubber(io: CliIo): Scrubber {
  let key: string | undefined;
  try {
    key = readEnv(io).SPIKE_API_KEY?.trim();
  } catch {
    key = io.env.SPIKE_API_KEY?.trim();
  }
  // A key too short to scrub safely is refused by the configuration, so it cannot have been sent.
  return createScrubber(key && key.length >= 16 ? [key] : []);
}

function safeLines(text: string): string {
  return text.split('\n').map((line) => terminalText(line, MAX_ERROR_CHARS)).join('\n');
}

/**
 * An exception nothing caught (a timer's callback, an event handler) would print Node's raw trace and
 * leave the ledger and lock to the next run. It becomes one escaped, scrubbed line and exit 1 instead.
 */
export function exitLoudlyOnCrash(io: Pick<CliIo, 'stderr' | 'env'> = defaultIo()): void {
  const crash = (err: unknown) => {
    const scrub = keyScrubber({ ...defaultIo(), ...io });
    io.stderr.write(`spike-sync: internal error: ${terminalText(scrub(describeError(err)), MAX_ERROR_CHARS)}; the next run records this run as interrupted\n`);
    process.exit(1);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
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
