import { describeError } from '../../lib/errors.js';
import type { SyncDeps, SyncSettings } from '../context.js';
import { estimateRun } from './estimate.js';
import { readHistory } from './read-history.js';

/**
 * The requests a run starting `now` is expected to send, from the store alone (no request): what the ledger keeps
 * beside the requests it does send, so the plan can be judged. Null when the store cannot tell: no team stored yet,
 * an asked-for team it lacks, a backfill whose remaining length it does not know. Never fails the run.
 */
export async function estimateFromStore(deps: SyncDeps, settings: SyncSettings, now: Date): Promise<number | null> {
  try {
    const history = await readHistory(deps.store, settings, now);
    if (history.outlook.teams.length === 0 || history.missing.length > 0) return null;
    const estimate = estimateRun(history.outlook, settings, now);
    return estimate.complete ? estimate.requests : null;
  } catch (err) {
    deps.logger.warn({ err: describeError(err) }, 'could not estimate the requests of this run; the ledger records none');
    return null;
  }
}
