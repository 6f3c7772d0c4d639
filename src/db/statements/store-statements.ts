import type { SqlExecutor } from '../sql-executor.js';
import type { RunLedger, Store, StoreWrites } from '../store.js';
import { recordDepartedUsers } from './departed-users.js';
import { beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, startRun } from './run-ledger.js';
import { listStreamStatus } from './stream-status.js';
import { allSucceededSince, readStreamState, saveStreamState } from './sync-state.js';
import { findIncidentsOfOtherTeams, listLastSuccess, listStoredOpenIncidents, listStoredTeams } from './stored-lookups.js';

type Lookups = Pick<Store, 'readStreamState' | 'listStoredOpenIncidents' | 'findIncidentsOfOtherTeams' | 'listStoredTeams' | 'listLastSuccess' | 'listStreamStatus' | 'allSucceededSince'>;

/** The port's lookups, the same statements on every store. */
export function storeLookups(sql: SqlExecutor): Lookups {
  return {
    readStreamState: (teamId, stream) => readStreamState(sql, teamId, stream),
    listStoredOpenIncidents: (teamId) => listStoredOpenIncidents(sql, teamId),
    findIncidentsOfOtherTeams: (teamId, ids) => findIncidentsOfOtherTeams(sql, teamId, ids),
    listStoredTeams: () => listStoredTeams(sql),
    listLastSuccess: (stream) => listLastSuccess(sql, stream),
    listStreamStatus: (expected) => listStreamStatus(sql, expected),
    allSucceededSince: (scope, streams, since) => allSucceededSince(sql, scope, streams, since),
  };
}

/** The writes besides entity rows that commit with a page, on the connection (or transaction) `sql` runs on. */
export function storeStateWrites(sql: SqlExecutor): Omit<StoreWrites, 'writer'> {
  return {
    saveStreamState: (teamId, stream, patch, now) => saveStreamState(sql, teamId, stream, patch, now),
    recordDepartedUsers: (now) => recordDepartedUsers(sql, now),
  };
}

/**
 * The run ledger. `abandoned` is the store's SQL condition for a run left `running` by a process that died
 * (see closeAbandonedRuns); `lease` lets a store mark a run as alive while it runs.
 */
export function storeLedger(sql: SqlExecutor, options: { abandoned?: string; lease?: { hold(runId: number): Promise<void>; release(runId: number): Promise<void> } } = {}): RunLedger {
  const { lease } = options;
  return {
    startRun: async (input) => {
      const runId = await startRun(sql, input);
      await lease?.hold(runId);
      return runId;
    },
    beginStream: (runId, input) => beginStream(sql, runId, input),
    finishStream: (rowId, record) => finishStream(sql, rowId, record),
    finishRun: async (runId, outcome) => {
      await finishRun(sql, runId, outcome);
      await lease?.release(runId);
    },
    closeAbandonedRuns: (now) => closeAbandonedRuns(sql, now, options.abandoned),
    countRequestsSince: (since) => countRequestsSince(sql, since),
  };
}
