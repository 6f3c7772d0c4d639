import type pg from 'pg';
import { heldBatches } from '../row-batches.js';
import type { SqlExecutor } from '../sql-executor.js';
import { describeStore, type PostgresStoreConfig } from '../store-config.js';
import type { EntityRow, EntityTable, EntityWriter, Store, StoreWrites } from '../store.js';
import { storeLedger, storeLookups, storeStateWrites } from '../statements/store-statements.js';
import { progressWrites, writePageInTransaction } from '../statements/stream-progress.js';
import type { PgTableWriter } from './entity-writer.js';
import { cursorBatches } from './cursor.js';
import { createPgExecutor, type PgQueryable } from './executor.js';
import { takeTurns } from '../../lib/turns.js';
import { StoreError } from '../errors.js';
import { READS_AT_ONCE, asStoreError } from './pool.js';
import { createSessionLocks } from './session-locks.js';

/** Builds the writer of an entity table; absent on a store opened to read. */
export type PgTableWriterFactory = (name: EntityTable) => PgTableWriter<{ id: string }>;

/**
 * The store port over a small pool. Statements outside a transaction take any connection; a transaction
 * holds one until it commits. Several processes may write at once: they coordinate with session locks
 * (see SessionLocks), so there is no run lock to take.
 */
export function postgresStore(pool: pg.Pool, config: PostgresStoreConfig, createTableWriter: PgTableWriterFactory): Store {
  const where = describeStore(config);
  const guard = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((err: unknown) => {
      throw asStoreError(err, where);
    });
  const guarded = (db: PgQueryable): PgQueryable => ({ query: (text, values) => guard(() => db.query(text, values)) });
  const executorOn = (db: PgQueryable): SqlExecutor => createPgExecutor(guarded(db));
  const sql = executorOn(pool);
  const turns = takeTurns(READS_AT_ONCE);
  // A read of a closed store says so, as SQLite's does, rather than with the pool's own words.
  const readTurn = <T>(work: () => Promise<T>): Promise<T> =>
    turns(async () => {
      if (closed) throw new StoreError(`the store at ${where} is closed`);
      return work();
    });
  const locks = createSessionLocks(pool, config.schema);

  const tables = new Map<EntityTable, PgTableWriter<{ id: string }>>();
  const tableWriter = (name: EntityTable) => {
    let found = tables.get(name);
    if (!found) tables.set(name, (found = createTableWriter(name)));
    return found;
  };
  const writesOn = (db: PgQueryable): StoreWrites => {
    const on = executorOn(db);
    const safe = guarded(db);
    return {
      writer: <T extends EntityTable>(name: T) => {
        const table = tableWriter(name);
        const writer: EntityWriter<{ id: string }> = {
          table: table.table,
          upsert: (rows, now) => table.upsert(safe, rows, now),
          markMissing: (scope, seen, now, options) => table.markMissing(safe, scope, seen, now, options),
        };
        return writer as unknown as EntityWriter<EntityRow<T>>;
      },
      ...storeStateWrites(on),
    };
  };
  let closed = false;

  const transaction: Store['transaction'] = async (fn) => {
    const client = await guard(() => pool.connect());
    let broken = false;
    try {
      await guard(() => client.query('BEGIN'));
      const result = await fn(writesOn(client));
      await guard(() => client.query('COMMIT'));
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    } finally {
      // A connection that could not roll back is closed, not handed to the next caller mid-transaction.
      client.release(broken);
    }
  };
  const pageInTransaction = writePageInTransaction(transaction);

  return {
    kind: 'postgres',
    location: where,
    // A report asks for its statements together; beyond the pool's reach they wait here, where waiting has no timeout.
    reader: {
      dialect: sql.dialect,
      all: <Row extends object>(text: string, params?: Record<string, unknown>) => readTurn(() => sql.all<Row>(text, params)),
      batches: <Row extends object>(text: string, params: Record<string, unknown> = {}, size?: number) =>
        heldBatches(readTurn, () => cursorBatches<Row>(pool, { sql: text, params }, size), (err) => asStoreError(err, where)),
    },
    ...writesOn(pool),
    transaction,
    // One statement is one transaction: the page's rows and its progress commit together in one round trip, where a
    // transaction takes five (BEGIN, the rows, the checkpoint, the request count, COMMIT) and a connection of its own.
    writePage: async (table, rows, now, progress) => {
      const written = await tableWriter(table).upsertWith(guarded(pool), rows, now, progressWrites(progress, now));
      return written ?? pageInTransaction(table, rows, now, progress);
    },
    // Other workers may be running: only runs whose lease no session holds were abandoned.
    ledger: storeLedger(sql, {
      abandoned: locks.runAbandoned,
      lease: { start: (insert) => guard(() => locks.startRun(insert)), release: (runId) => guard(() => locks.releaseRun(runId)) },
    }),
    ...storeLookups(sql),
    // Several workers share a PostgreSQL store: they split the teams with claims instead of taking turns.
    acquireLock: async () => ({ heartbeat: async () => undefined, release: async () => undefined }),
    claim: (scope, options) => guard(() => locks.take(scope, options)),
    // Its cold sync keeps pace with its bare pipeline with every index kept (0.98 × in the bench).
    deferReportIndexes: async () => null,
    listDeferredIndexes: async () => [],
    close: async () => {
      if (closed) return;
      closed = true;
      await locks.close();
      await pool.end();
    },
  };
}
