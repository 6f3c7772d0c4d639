import type { SqlExecutor } from '../sql-executor.js';
import type { RunLedger, Store, StoreWrites } from '../store.js';
import { countPendingActivity, listPendingActivity, markActivityRead, readActivityZones, setIncidentResponders } from './activity-reads.js';
import { countIncidents, listRecentRuns, listStreamStates, meanRequestMs } from './plan-history.js';
import { recordDepartedUsers } from './departed-users.js';
import { allDoneSince, beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, saveStreamRequests, startRun } from './run-ledger.js';
import { listStreamStatus } from './stream-status.js';
import { readStreamState, saveStreamState } from './sync-state.js';
import { listEndedShiftIds, listStoredSchedules, markVanishedInWindow } from './oncall-windows.js';
import { findIncidentsOfOtherTeams, listLastSuccess, listStoredOpenIncidents, listStoredTeams } from './stored-lookups.js';

type Lookups = Pick<
  Store,
  | 'readStreamState' | 'listStoredOpenIncidents' | 'findIncidentsOfOtherTeams' | 'listStoredTeams' | 'listStoredSchedules' | 'listEndedShiftIds' | 'listLastSuccess' | 'listStreamStatus' | 'allDoneSince' | 'listPendingActivity' | 'readActivityZones'
  | 'countIncidents' | 'countPendingActivity' | 'listStreamStates'
>;

/** The port's lookups, the same statements on every store. */
export function storeLookups(sql: SqlExecutor): Lookups {
  return {
    readStreamState: (teamId, stream) => readStreamState(sql, teamId, stream),
    listStoredOpenIncidents: (teamId) => listStoredOpenIncidents(sql, teamId),
    findIncidentsOfOtherTeams: (teamId, ids) => findIncidentsOfOtherTeams(sql, teamId, ids),
    listStoredTeams: () => listStoredTeams(sql),
    listStoredSchedules: (teamId) => listStoredSchedules(sql, teamId),
    listEndedShiftIds: (scheduleId, ids, now) => listEndedShiftIds(sql, scheduleId, ids, now),
    listLastSuccess: (stream) => listLastSuccess(sql, stream),
    listStreamStatus: (expected) => listStreamStatus(sql, expected),
    allDoneSince: (scope, streams, since) => allDoneSince(sql, scope, streams, since),
    listPendingActivity: (teamId, after, limit) => listPendingActivity(sql, teamId, after, limit),
    readActivityZones: (teamId) => readActivityZones(sql, teamId),
    countIncidents: (teamId, bounds) => countIncidents(sql, teamId, bounds),
    countPendingActivity: (teamId, since) => countPendingActivity(sql, teamId, since),
    listStreamStates: () => listStreamStates(sql),
  };
}

/** The writes besides entity rows that commit with a page, on the connection (or transaction) `sql` runs on. */
export function storeStateWrites(sql: SqlExecutor): Omit<StoreWrites, 'writer'> {
  return {
    saveStreamState: (teamId, stream, patch, now) => saveStreamState(sql, teamId, stream, patch, now),
    recordDepartedUsers: (now) => recordDepartedUsers(sql, now),
    markActivityRead: (read, now) => markActivityRead(sql, read, now),
    setIncidentResponders: (incidentId, responders) => setIncidentResponders(sql, incidentId, responders),
    markVanishedInWindow: (what, scheduleId, window, seen, now) => markVanishedInWindow(sql, what, scheduleId, window, seen, now),
    saveStreamRequests: (rowId, requests) => saveStreamRequests(sql, rowId, requests),
  };
}

/** How a store marks a run alive while it runs: `start` records the run through `insert` and takes its lease. */
export interface RunLease {
  start(insert: (sql: SqlExecutor) => Promise<number>): Promise<number>;
  release(runId: number): Promise<void>;
}

/**
 * The run ledger. `abandoned` is the store's SQL condition for a run left `running` by a process that died
 * (see closeAbandonedRuns); `lease` lets a store mark a run as alive while it runs.
 */
export function storeLedger(sql: SqlExecutor, options: { abandoned?: string; lease?: RunLease } = {}): RunLedger {
  const { lease } = options;
  return {
    startRun: (input) => (lease ? lease.start((on) => startRun(on, input)) : startRun(sql, input)),
    beginStream: (runId, input) => beginStream(sql, runId, input),
    finishStream: (rowId, record) => finishStream(sql, rowId, record),
    finishRun: async (runId, outcome) => {
      await finishRun(sql, runId, outcome);
      await lease?.release(runId);
    },
    closeAbandonedRuns: (now) => closeAbandonedRuns(sql, now, options.abandoned),
    countRequestsSince: (since) => countRequestsSince(sql, since),
    listRecentRuns: (limit) => listRecentRuns(sql, limit),
    meanRequestMs: () => meanRequestMs(sql),
  };
}
