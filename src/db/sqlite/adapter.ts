import { AsyncLocalStorage } from 'node:async_hooks';
import { StoreError } from '../errors.js';
import type { EntityRow, EntityTable, EntityWriter, Store } from '../store.js';
import { openSqlite, type SqliteHandle, type StoreMode } from './open.js';
import { createDepartedUsersRecorder } from './repositories/departed-users.js';
import { createEntityWriter, type TableWriter } from './repositories/entity-writer.js';
import { beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, startRun } from './repositories/run-ledger.js';
import { acquireRunLock } from './repositories/run-lock.js';
import { readStreamState, saveStreamState } from './repositories/sync-state.js';
import { listStreamStatus } from './repositories/sync-status.js';
import { createStoredLookups } from './repositories/stored-lookups.js';
import { entityTables } from './schema.js';

/** Opens the store at `path`: `write` creates and migrates it, `read` only opens an existing, current one. */
export async function openStore(path: string, options: { mode?: StoreMode } = {}): Promise<Store> {
  return createSqliteStore(openSqlite(path, options));
}

/**
 * The store port over one better-sqlite3 connection. The driver is synchronous and a connection has one
 * transaction at a time, so every call is queued behind the one before it, and a transaction holds the
 * queue until it commits: nothing else (a lock heartbeat, say) can slip its statements into it. Calls made
 * from inside a transaction's callback join that transaction instead of waiting behind it.
 */
export function createSqliteStore(handle: SqliteHandle): Store {
  const { sqlite, db, path } = handle;
  const inTransaction = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();

  const run = async <T>(work: () => T | Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      throw asStoreError(err, path);
    }
  };
  const exclusive = <T>(work: () => T | Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return run(work);
    const next = queue.then(() => run(work));
    queue = next.catch(() => undefined);
    return next;
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
  const lookups = createStoredLookups(sqlite);
  const departed = createDepartedUsersRecorder(sqlite);

  const store: Store = {
    location: path,
    reader: handle.reader,
    writer,
    saveStreamState: (teamId, stream, patch, now) => exclusive(() => saveStreamState(db, teamId, stream, patch, now)),
    recordDepartedUsers: (now) => exclusive(() => departed(now)),
    transaction: (fn) => {
      if (inTransaction.getStore()) return fn(store);
      return exclusive(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await inTransaction.run(true, () => fn(store));
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw err;
        }
      });
    },
    ledger: {
      startRun: (input) => exclusive(() => startRun(db, input)),
      beginStream: (runId, input) => exclusive(() => beginStream(db, runId, input)),
      finishStream: (rowId, record) => exclusive(() => finishStream(db, rowId, record)),
      finishRun: (runId, outcome) => exclusive(() => finishRun(db, runId, outcome)),
      closeAbandonedRuns: (now) => exclusive(() => closeAbandonedRuns(db, now)),
      countRequestsSince: (since) => exclusive(() => countRequestsSince(db, since)),
    },
    readStreamState: (teamId, stream) => exclusive(() => readStreamState(db, teamId, stream)),
    listStoredOpenIncidents: (teamId) => exclusive(() => lookups.openIncidents(teamId)),
    findIncidentsOfOtherTeams: (teamId, ids) => exclusive(() => lookups.incidentsOfOtherTeams(teamId, ids)),
    listStoredTeams: () => exclusive(() => lookups.liveTeams()),
    listLastSuccess: (stream) => exclusive(() => lookups.lastSuccess(stream)),
    listStreamStatus: (expected) => exclusive(() => listStreamStatus(sqlite, expected)),
    acquireLock: async (name, options) => {
      const lock = await exclusive(() => acquireRunLock(sqlite, { ...options, name }));
      return {
        heartbeat: (now) => exclusive(() => lock.heartbeat(now)),
        release: () => exclusive(() => lock.release()),
      };
    },
    close: async () => {
      await queue;
      handle.close();
    },
  };
  return store;
}

/** better-sqlite3 throws SqliteError (code SQLITE_*); above db/ it is a StoreError naming the store. */
function asStoreError(err: unknown, path: string): unknown {
  if (!(err instanceof Error) || err instanceof StoreError) return err;
  const code = (err as { code?: unknown }).code;
  if (err.name !== 'SqliteError' && !(typeof code === 'string' && code.startsWith('SQLITE_'))) return err;
  return new StoreError(`the store at ${path} failed: ${err.message}`, { cause: err });
}
