import { InterruptedError } from '../../jobs/errors.js';
import { MAX_ERROR_LINE_CHARS, terminalText } from '../../lib/terminal-text.js';
import { runSync } from '../../jobs/run-sync.js';
import { firstErrors, renderRunSummary } from '../run-summary.js';
import { openRuntime, syncDeps, syncSettings, type CliIo } from '../runtime.js';
import { onStopSignals } from '../signals.js';

export interface SyncOptions {
  team?: string[];
  full?: boolean;
}

/** One pass over every team (or the named ones). Exit 0 all synced, 2 some teams failed; fatal errors throw (exit 1). */
export async function syncCommand(io: CliIo, options: SyncOptions): Promise<number> {
  const runtime = await openRuntime(io);
  const controller = new AbortController();
  const removeHandlers = onStopSignals(controller, (signal) => runtime.logger.warn({ signal }, 'stopping: aborting the request in flight; committed pages stay'));
  try {
    const result = await runSync(syncDeps(runtime, io, controller.signal), await syncSettings(runtime, { full: options.full, teams: options.team }), 'cli');
    if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    io.stdout.write(renderRunSummary(result));
    for (const line of firstErrors(result)) io.stderr.write(`spike-sync: ${terminalText(line, MAX_ERROR_LINE_CHARS)}\n`);
    return result.status === 'ok' ? 0 : 2;
  } catch (err) {
    if (err instanceof InterruptedError) {
      runtime.logger.warn('run interrupted; the next run resumes from the last committed page');
      return 0;
    }
    throw err;
  } finally {
    removeHandlers();
    await runtime.close();
  }
}
