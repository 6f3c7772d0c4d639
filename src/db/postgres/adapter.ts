import type pg from 'pg';
import type { SqlExecutor } from '../sql-executor.js';
import { describeStore, type PostgresStoreConfig } from '../store-config.js';
import type { EntityRow, EntityTable, EntityWriter, Store, StoreMode, StoreWrites } from '../store.js';
import { recordDepartedUsers } from '../statements/departed-users.js';
import { beginStream, closeAbandonedRuns, countRequestsSince, finishRun, finishStream, startRun } from '../statements/run-ledger.js';
import { listStreamStatus } from '../statements/stream-status.js';
import { allSucceededSince, readStreamState, saveStreamState } from '../statements/sync-state.js';
import { findIncidentsOfOtherTeams, listLastSuccess, listStoredOpenIncidents, listStoredTeams } from '../statements/stored-lookups.js';
import { createPgEntityWriter, type PgTableWriter } from './entity-writer.js';
import { createPgExecutor, type PgQueryable } from './executor.js';
import { openPostgres } from './open.js';
import { asStoreError } from './pool.js';
import { entityTables } from './schema.js';
import { createSessionLocks } from './session-locks.js';


/** Opens the PostgreSQL store: `write` creates the schema and migrates it, `read` only opens a current one. */
export async function openPostgresStore(config: PostgresStoreConfig, options: { mode?: StoreMode } = {}): Promise<Store> {
  const pool = await openPostgres(config, options.mode ?? 'write');
  return createPostgresStore(pool, config);
}

/**
 * The store port over a small pool. Statements outside a transaction take any connection; a transaction
 * holds one until it commits. Several processes may write at once: they coordinate with session locks
 * (see SessionLocks), so there is no run lock to take.
 */
export function createPostgresStore(pool: pg.Pool, config: PostgresStoreConfig): Store {
  const where = describeStore(config);
  const guard = <T>(work: () => Promise<T>): Promise<T> =>
    work().catch((err: unknown) => {
      throw asStoreError(err, where);
    });
  const guarded = (db: PgQueryable): PgQueryable => ({ query: (text, values) => guard(() => db.query(text, values)) });
  const executorOn = (db: PgQueryable): SqlExecutor => createPgExecutor(guarded(db));
  const sql = executorOn(pool);
  const locks = createSessionLocks(pool, config.schema);

  const tables = new Map<EntityTable, PgTableWriter<{ id: string }>>();
  const tableWriter = (name: EntityTable) => {
    let found = tables.get(name);
    if (!found) tables.set(name, (found = createPgEntityWriter(entityTables[name])));
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
      saveStreamState: (teamId, stream, patch, now) => saveStreamState(on, teamId, stream, patch, now),
      recordDepartedUsers: (now) => recordDepartedUsers(on, now),
    };
  };
  let closed = false;

  return {
    kind: 'postgres',
    location: where,
    reader: sql,
    ...writesOn(pool),
    transaction: async (fn) => {
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
    },
    ledger: {
      startRun: async (input) => {
        const runId = await startRun(sql, input);
        await guard(() => locks.holdRun(runId));
        return runId;
      },
      beginStream: (runId, input) => beginStream(sql, runId, input),
      finishStream: (rowId, record) => finishStream(sql, rowId, record),
      finishRun: async (runId, outcome) => {
        await finishRun(sql, runId, outcome);
        await guard(() => locks.releaseRun(runId));
      },
      // Other workers may be running: only runs whose lease no session holds were abandoned.
      closeAbandonedRuns: (now) => closeAbandonedRuns(sql, now, locks.runAbandoned),
      countRequestsSince: (since) => countRequestsSince(sql, since),
    },
    readStreamState: (teamId, stream) => readStreamState(sql, teamId, stream),
    listStoredOpenIncidents: (teamId) => listStoredOpenIncidents(sql, teamId),
    findIncidentsOfOtherTeams: (teamId, ids) => findIncidentsOfOtherTeams(sql, teamId, ids),
    listStoredTeams: () => listStoredTeams(sql),
    listLastSuccess: (stream) => listLastSuccess(sql, stream),
    listStreamStatus: (expected) => listStreamStatus(sql, expected),
    // Several workers share a PostgreSQL store: they split the teams with claims instead of taking turns.
    acquireLock: async () => ({ heartbeat: async () => undefined, release: async () => undefined }),
    claim: (scope, options) => guard(() => locks.take(scope, options)),
    allSucceededSince: (scope, streams, since) => allSucceededSince(sql, scope, streams, since),
    close: async () => {
      if (closed) return;
      closed = true;
      await locks.close();
      await pool.end();
    },
  };
}
