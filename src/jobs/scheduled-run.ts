import type { SyncDeps, SyncSettings } from './context.js';
import { runSync, type RunResult } from './run-sync.js';
import { minimumUsefulRun } from './streams.js';

export type ScheduledOutcome = { ran: true; result: RunResult } | { ran: false; allowance: number; needed: number };

/**
 * A scheduled run under a monthly budget: a tick whose accrued allowance is below the cost of a run in
 * which nothing changed is skipped, so the allowance builds up and every run that starts can finish the
 * steady state. Without a monthly budget, or when enough has accrued, it is an ordinary run.
 */
export async function runScheduled(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<ScheduledOutcome> {
  if (settings.requestCap !== null) {
    const teams = settings.teams?.length ?? (await deps.store.listStoredTeams()).length;
    const needed = minimumUsefulRun(teams);
    if (settings.requestCap < needed) return { ran: false, allowance: settings.requestCap, needed };
  }
  return { ran: true, result: await runSync(deps, settings, trigger) };
}
