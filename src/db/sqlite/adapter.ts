import type { EntityRow, EntityTable, EntityWriter, Store } from '../store.js';
import { openSqlite, type SqliteHandle, type StoreMode } from './open.js';
import { createDepartedUsersRecorder } from './repositories/departed-users.js';
import { createEntityWriter, type TableWriter } from './repositories/entity-writer.js';
import { beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, startRun } from './repositories/run-ledger.js';
import { acquireRunLock } from './repositories/run-lock.js';
import { readStreamState, saveStreamState } from './repositories/sync-state.js';
import { listStreamStatus } from './repositories/sync-status.js';
import { createStoredLookups } from './repositories/stored-lookups.js';
import { createSerialConnection } from './serial-connection.js';
import { entityTables } from './schema.js';

/** Opens the store at `path`: `write` creates and migrates it, `read` only opens an existing, current one. */
export async function openStore(path: string, options: { mode?: StoreMode } = {}): Promise<Store> {
  return createSqliteStore(openSqlite(path, options));
}

/** The store port over one SQLite connection, every call serialised through it (see SerialConnection). */
export function createSqliteStore(handle: SqliteHandle): Store {
  const { sqlite, db, path } = handle;
  const connection = createSerialConnection(sqlite, path);
  const exclusive = connection.call;
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
  // Prepared inside a call, so a failure to prepare is a StoreError like any other.
  let prepared: { lookups: ReturnType<typeof createStoredLookups>; departed: ReturnType<typeof createDepartedUsersRecorder> } | null = null;
  const statements = () => (prepared ??= { lookups: createStoredLookups(sqlite), departed: createDepartedUsersRecorder(sqlite) });

  const store: Store = {
    location: path,
    reader: { dialect: handle.reader.dialect, all: (sql, params) => exclusive(() => handle.reader.all(sql, params)) },
    writer,
    saveStreamState: (teamId, stream, patch, now) => exclusive(() => saveStreamState(db, teamId, stream, patch, now)),
    recordDepartedUsers: (now) => exclusive(() => statements().departed(now)),
    transaction: (fn) => connection.transaction(() => fn(store)),
    ledger: {
      startRun: (input) => exclusive(() => startRun(db, input)),
      beginStream: (runId, input) => exclusive(() => beginStream(db, runId, input)),
      finishStream: (rowId, record) => exclusive(() => finishStream(db, rowId, record)),
      finishRun: (runId, outcome) => exclusive(() => finishRun(db, runId, outcome)),
      closeAbandonedRuns: (now) => exclusive(() => closeAbandonedRuns(db, now)),
      countRequestsSince: (since) => exclusive(() => countRequestsSince(db, since)),
    },
    readStreamState: (teamId, stream) => exclusive(() => readStreamState(db, teamId, stream)),
    listStoredOpenIncidents: (teamId) => exclusive(() => statements().lookups.openIncidents(teamId)),
    findIncidentsOfOtherTeams: (teamId, ids) => exclusive(() => statements().lookups.incidentsOfOtherTeams(teamId, ids)),
    listStoredTeams: () => exclusive(() => statements().lookups.liveTeams()),
    listLastSuccess: (stream) => exclusive(() => statements().lookups.lastSuccess(stream)),
    listStreamStatus: (expected) => exclusive(() => listStreamStatus(sqlite, expected)),
    acquireLock: async (name, options) => {
      const lock = await exclusive(() => acquireRunLock(sqlite, { ...options, name }));
      return {
        heartbeat: (now) => exclusive(() => lock.heartbeat(now)),
        release: () => exclusive(() => lock.release()),
      };
    },
    close: () => connection.close(),
  };
  return store;
}
