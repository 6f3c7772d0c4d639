import type pg from 'pg';
import type { Claim } from '../store.js';
import { createPgExecutor } from './executor.js';
import type { SqlExecutor } from '../sql-executor.js';

const POLL_MS = 250;

/**
 * Session-level advisory locks on one connection held for the store's life: a team claimed by this process,
 * the organisation's streams, the lease of a running run. PostgreSQL releases them when the connection
 * ends, so a worker that is killed frees its teams at once. Keys are (namespace of this schema, name):
 * two installations in two schemas of one database never block each other. Transaction-mode poolers
 * (PgBouncer with pool_mode=transaction) hand each statement a different connection and break them.
 *
 * A connection that breaks (a server restart, a failover, an idle cut) takes its locks with it: the next call
 * opens a new one, and the claims and leases taken on the old one no longer protect anything (a release of one
 * is then a no-op); the worker goes on, and at worst another syncs the same team at the same time, which the
 * upserts make harmless.
 */
export interface SessionLocks {
  /** Takes `name`; null when another session holds it (or, with `wait`, once `signal` ends the wait). */
  take(name: string, options?: { wait?: boolean; signal?: AbortSignal }): Promise<Claim | null>;
  /**
   * Records a run and takes its lease in one transaction on the session connection, so no other worker ever
   * sees the run without its lease (and closes it as abandoned).
   */
  startRun(insert: (sql: SqlExecutor) => Promise<number>): Promise<number>;
  releaseRun(runId: number): Promise<void>;
  /** SQL true for a `sync_runs` row `r` whose lease no session holds. */
  readonly runAbandoned: string;
  /** Releases every lock of the session and its connection. */
  close(): Promise<void>;
}

export function createSessionLocks(pool: pg.Pool, schema: string): SessionLocks {
  const claims = `spike-sync:${schema}:claim`;
  const runs = `spike-sync:${schema}:run`;
  let session: { client: Promise<pg.PoolClient>; generation: number } | null = null;
  let generation = 0;
  const drop = (broken: { client: Promise<pg.PoolClient> }) => {
    if (session !== broken) return;
    session = null;
    void broken.client.then((c) => c.release(true)).catch(() => undefined);
  };
  const open = () => {
    if (session) return session;
    const current = { client: pool.connect(), generation: ++generation };
    session = current;
    current.client.then((c) => c.on('error', () => drop(current))).catch(() => drop(current));
    return current;
  };
  // Flags come back as 1 or 0 from this pool (see types.ts).
  const query = async (text: string, values: unknown[]) => {
    const current = open();
    try {
      return { rows: (await (await current.client).query<{ ok: number }>(text, values)).rows, generation: current.generation };
    } catch (err) {
      // A statement error leaves the connection usable; a broken connection is replaced on the next call.
      if (!(err as { code?: string }).code || /^08|^57P/.test(String((err as { code?: string }).code))) drop(current);
      throw err;
    }
  };
  const tryTake = async (name: string) => {
    const result = await query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [claims, name]);
    return result.rows[0]?.ok === 1 ? result.generation : null;
  };
  /** Unlocks only on the connection that locked: a new one never held it. */
  const unlock = async (text: string, values: unknown[], heldOn: number) => {
    if (session?.generation !== heldOn) return;
    await query(text, values);
  };
  const leases = new Map<number, number>();

  return {
    async take(name, options = {}) {
      let heldOn: number | null;
      while ((heldOn = await tryTake(name)) === null) {
        if (!options.wait || options.signal?.aborted) return null;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      let held = true;
      return {
        release: async () => {
          if (!held) return;
          held = false;
          await unlock('SELECT pg_advisory_unlock(hashtext($1), hashtext($2)) AS ok', [claims, name], heldOn);
        },
      };
    },
    async startRun(insert) {
      const current = open();
      const client = await current.client;
      try {
        await client.query('BEGIN');
        const runId = await insert(createPgExecutor(client));
        await client.query('SELECT pg_advisory_lock(hashtext($1), $2)', [runs, runId]);
        await client.query('COMMIT');
        leases.set(runId, current.generation);
        return runId;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => drop(current));
        throw err;
      }
    },
    async releaseRun(runId) {
      const heldOn = leases.get(runId);
      leases.delete(runId);
      if (heldOn !== undefined) await unlock('SELECT pg_advisory_unlock(hashtext($1), $2) AS ok', [runs, runId], heldOn);
    },
    // pg_locks shows a two-key advisory lock as (classid, objid) = (key 1, key 2) with objsubid 2.
    runAbandoned: `NOT EXISTS (SELECT 1 FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = CAST(CAST(hashtext('${runs}') AS bigint) & 4294967295 AS text)::oid
          AND l.objid = CAST(r.id AS text)::oid)`,
    async close() {
      const held = session;
      session = null;
      if (!held) return;
      const connection = await held.client.catch(() => null);
      if (!connection) return;
      // Ending the connection would release them too, but only once the server notices: say so now.
      await connection.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      connection.release(true);
    },
  };
}
