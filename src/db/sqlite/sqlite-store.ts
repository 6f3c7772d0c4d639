import type { EntityRow, EntityTable, EntityWriter, Store } from '../store.js';
import { heldBatches } from '../row-batches.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { SqlReader } from '../sql-reader.js';
import { storeLedger, storeLookups, storeStateWrites } from '../statements/store-statements.js';
import { writePageInTransaction } from '../statements/stream-progress.js';
import type { SqliteHandle } from './connect.js';
import type { TableWriter } from './repositories/entity-writer.js';
import { acquireRunLock } from './repositories/run-lock.js';
import { readsTogether } from './reads-together.js';
import { asStoreError, createSerialConnection } from './serial-connection.js';
import { buildDeferredIndex, deferReportIndexes, deferredIndexNames } from './deferred-indexes.js';

/** Builds the synchronous writer of an entity table on the connection; absent on a store opened to read. */
export type TableWriterFactory = (sqlite: SqliteHandle['sqlite'], name: EntityTable) => TableWriter<unknown>;

/**
 * The store port over one SQLite connection, every call serialised through it (see SerialConnection).
 * One process writes at a time (the run lock), so a team never needs claiming. With `readsTogether` (a store opened
 * to read), report statements asked for together also use a second connection (see readsTogether).
 */
export function sqliteStore(handle: SqliteHandle, tableWriter: TableWriterFactory, options: { readsTogether?: boolean } = {}): Store {
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
    if (!found) writers.set(name, (found = wrap(tableWriter(sqlite, name))));
    return found as EntityWriter<EntityRow<T>>;
  };

  // A statement read in batches keeps the connection's turn until its reader is done with it.
  const ownReader: SqlReader = {
    dialect: sql.dialect,
    all: sql.all,
    batches: (text, params, size) => heldBatches(exclusive, () => handle.sql.batches(text, params, size), (err) => asStoreError(err, path)),
  };
  const reader = options.readsTogether ? readsTogether(ownReader, path) : null;

  const transaction: Store['transaction'] = (fn) => connection.transaction(() => fn(store));
  const store: Store = {
    kind: 'sqlite',
    location: path,
    reader: reader ?? ownReader,
    writer,
    ...storeStateWrites(sql),
    transaction,
    // A SQLite transaction costs no round trip: the page is written as any transaction is.
    writePage: writePageInTransaction(transaction),
    // The caller holds the run lock: no other process is running, so every run left running was abandoned.
    ledger: storeLedger(sql),
    ...storeLookups(sql),
    acquireLock: async (name, options) => {
      const lock = await exclusive(() => acquireRunLock(sqlite, { ...options, name }));
      return {
        heartbeat: (now) => exclusive(() => lock.heartbeat(now)),
        release: () => exclusive(() => lock.release()),
      };
    },
    claim: async () => ({ release: async () => undefined }),
    deferReportIndexes: async () => {
      const names = await exclusive(() => deferReportIndexes(sqlite));
      if (names === null) return null;
      return {
        names,
        build: async (signal) => {
          for (const name of names) {
            if (signal?.aborted) return false;
            await exclusive(() => buildDeferredIndex(sqlite, name));
            // A build holds the thread for seconds: between two, due timers (the lock's heartbeat) and signals run.
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          return true;
        },
      };
    },
    listDeferredIndexes: () => exclusive(() => deferredIndexNames(sqlite)),
    close: async () => {
      try {
        await reader?.close();
      } finally {
        await connection.close();
      }
    },
  };
  return store;
}
