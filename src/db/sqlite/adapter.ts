import type { EntityRow, EntityTable, EntityWriter, Store } from '../store.js';
import type { SqlExecutor } from '../sql-executor.js';
import { recordDepartedUsers } from '../statements/departed-users.js';
import { beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, startRun } from '../statements/run-ledger.js';
import { allSucceededSince, readStreamState, saveStreamState } from '../statements/sync-state.js';
import { listStreamStatus } from '../statements/stream-status.js';
import { findIncidentsOfOtherTeams, listLastSuccess, listStoredOpenIncidents, listStoredTeams } from '../statements/stored-lookups.js';
import { openSqlite, type SqliteHandle, type StoreMode } from './open.js';
import { createEntityWriter, type TableWriter } from './repositories/entity-writer.js';
import { acquireRunLock } from './repositories/run-lock.js';
import { createSerialConnection } from './serial-connection.js';
import { entityTables } from './schema.js';

/** Opens the store at `path`: `write` creates and migrates it, `read` only opens an existing, current one. */
export async function openSqliteStore(path: string, options: { mode?: StoreMode } = {}): Promise<Store> {
  return createSqliteStore(openSqlite(path, options));
}

/**
 * The store port over one SQLite connection, every call serialised through it (see SerialConnection).
 * One process writes at a time (the run lock), so a team never needs claiming.
 */
export function createSqliteStore(handle: SqliteHandle): Store {
  const { sqlite, path } = handle;
  const connection = createSerialConnection(sqlite, path);
  const exclusive = connection.call;
  // Every statement waits its turn on the connection; inside a transaction it runs at once, as part of it.
  const sql: SqlExecutor = {
    dialect: handle.sql.dialect,
    all: (text, params) => exclusive(() => handle.sql.all(text, params)),
    one: (text, params) => exclusive(() => handle.sql.one(text, params)),
    run: (text, params) => exclusive(() => handle.sql.run(text, params)),
  };
  const wrap = <Row>(table: TableWriter<Row>): EntityWriter<Row> => ({
    table: table.table,
    upsert: (rows, now) => exclusive(() => table.upsert(rows, now)),
    markMissing: (scope, seen, now, options) => exclusive(() => table.markMissing(scope, seen, now, options)),
  });
  // Prepared on first use: a read-only command never builds the writers it does not need.
  const writers = new Map<EntityTable, EntityWriter<unknown>>();
  const writer = <T extends EntityTable>(name: T): EntityWriter<EntityRow<T>> => {
    let found = writers.get(name);
    if (!found) writers.set(name, (found = wrap(createEntityWriter(sqlite, entityTables[name])) as EntityWriter<unknown>));
    return found as EntityWriter<EntityRow<T>>;
  };

  const store: Store = {
    kind: 'sqlite',
    location: path,
    reader: sql,
    writer,
    saveStreamState: (teamId, stream, patch, now) => saveStreamState(sql, teamId, stream, patch, now),
    recordDepartedUsers: (now) => recordDepartedUsers(sql, now),
    transaction: (fn) => connection.transaction(() => fn(store)),
    ledger: {
      startRun: (input) => startRun(sql, input),
      beginStream: (runId, input) => beginStream(sql, runId, input),
      finishStream: (rowId, record) => finishStream(sql, rowId, record),
      finishRun: (runId, outcome) => finishRun(sql, runId, outcome),
      // The caller holds the run lock: no other process is running, so every run left running was abandoned.
      closeAbandonedRuns: (now) => closeAbandonedRuns(sql, now),
      countRequestsSince: (since) => countRequestsSince(sql, since),
    },
    readStreamState: (teamId, stream) => readStreamState(sql, teamId, stream),
    listStoredOpenIncidents: (teamId) => listStoredOpenIncidents(sql, teamId),
    findIncidentsOfOtherTeams: (teamId, ids) => findIncidentsOfOtherTeams(sql, teamId, ids),
    listStoredTeams: () => listStoredTeams(sql),
    listLastSuccess: (stream) => listLastSuccess(sql, stream),
    listStreamStatus: (expected) => listStreamStatus(sql, expected),
    acquireLock: async (name, options) => {
      const lock = await exclusive(() => acquireRunLock(sqlite, { ...options, name }));
      return {
        heartbeat: (now) => exclusive(() => lock.heartbeat(now)),
        release: () => exclusive(() => lock.release()),
      };
    },
    claim: async () => ({ release: async () => undefined }),
    allSucceededSince: (scope, streams, since) => allSucceededSince(sql, scope, streams, since),
    close: () => connection.close(),
  };
  return store;
}
