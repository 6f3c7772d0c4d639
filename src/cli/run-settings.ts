import type { Config } from '../config.js';
import type { SyncSettings } from '../jobs/context.js';

/** What one run is asked to do beyond the configuration. */
export interface RunChoices {
  full: boolean;
  teams: readonly string[] | null;
  requestCap: number | null;
  tickStartedAt?: Date;
}

/** The settings of a run under this configuration: `sync`, `start` and `status` (for the streams' intervals) read them alike. */
export function runSettings(config: Config, run: RunChoices): SyncSettings {
  return {
    teams: run.teams,
    full: run.full,
    incidentLookbackMs: config.incidentLookbackMs,
    fullSyncIntervalMs: config.fullSyncIntervalMs,
    catalogIntervalMs: config.catalogIntervalMs,
    oncallIntervalMs: config.oncallIntervalMs,
    oncallBackfillMs: config.oncallBackfillMs,
    activityBackfillMs: config.activityBackfillMs,
    requestCap: run.requestCap,
    openSetFirst: config.monthlyRequestBudget !== null,
    pageConcurrency: config.pageConcurrency,
    tickStartedAt: run.tickStartedAt,
  };
}
