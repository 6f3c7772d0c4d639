import { ConfigError } from '../../lib/errors.js';
import { InterruptedError } from '../../jobs/errors.js';
import { parseDuration } from '../../lib/duration.js';
import { MAX_ERROR_LINE_CHARS, terminalText } from '../../lib/terminal-text.js';
import { runSync } from '../../jobs/run-sync.js';
import { firstErrors, renderRunSummary } from '../run-summary.js';
import { openRuntime, syncDeps, syncSettings, type CliIo } from '../runtime.js';
import { onStopSignals } from '../signals.js';

export interface SyncOptions {
  team?: string[];
  full?: boolean;
  /** `--backfill-activity <span>`: read activity logs of incidents resolved this far back, this run only. */
  backfillActivity?: string;
}

/** The span of `--backfill-activity`, checked before anything is opened. */
function parseBackfillSpan(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new ConfigError('--backfill-activity', `must be a positive duration such as 90d, 12w or 365d; got "${text}"`);
  return ms;
}

/** One pass over every team (or the named ones). Exit 0 all synced, 2 some teams failed; fatal errors throw (exit 1). */
export async function syncCommand(io: CliIo, options: SyncOptions): Promise<number> {
  const backfillMs = parseBackfillSpan(options.backfillActivity);
  const runtime = await openRuntime(io);
  const controller = new AbortController();
  const removeHandlers = onStopSignals(controller, (signal) => runtime.logger.warn({ signal }, 'stopping: aborting the request in flight; committed pages stay'));
  try {
    const settings = await syncSettings(runtime, { full: options.full, teams: options.team });
    // It widens the configured span, never narrows it: a smaller value would only leave logs unread.
    if (backfillMs !== undefined) settings.activityBackfillMs = Math.max(settings.activityBackfillMs, backfillMs);
    const result = await runSync(syncDeps(runtime, io, controller.signal), settings, 'cli');
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
