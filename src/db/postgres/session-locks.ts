import type pg from 'pg';
import type { Claim } from '../store.js';

const POLL_MS = 250;

/**
 * Session-level advisory locks on one connection held for the store's life: a team claimed by this process,
 * the organisation's streams, the lease of a running run. PostgreSQL releases them when the connection
 * ends, so a worker that is killed frees its teams at once. Keys are (namespace of this schema, name):
 * two installations in two schemas of one database never block each other. Transaction-mode poolers
 * (PgBouncer with pool_mode=transaction) hand each statement a different connection and break them.
 */
export interface SessionLocks {
  /** Takes `name`; null when another session holds it (or, with `wait`, once `signal` ends the wait). */
  take(name: string, options?: { wait?: boolean; signal?: AbortSignal }): Promise<Claim | null>;
  /** The lease of a run: held while it runs, so another worker can tell a live run from an abandoned one. */
  holdRun(runId: number): Promise<void>;
  releaseRun(runId: number): Promise<void>;
  /** SQL true for a `sync_runs` row `r` whose lease no session holds. */
  readonly runAbandoned: string;
  /** Releases every lock of the session and its connection. */
  close(): Promise<void>;
}

export function createSessionLocks(pool: pg.Pool, schema: string): SessionLocks {
  const claims = `spike-sync:${schema}:claim`;
  const runs = `spike-sync:${schema}:run`;
  let session: Promise<pg.PoolClient> | null = null;
  const client = () => (session ??= pool.connect());
  // Flags come back as 1 or 0 from this pool (see types.ts).
  const query = async (text: string, values: unknown[]) => (await client()).query<{ ok: number }>(text, values);

  const tryTake = async (name: string) => (await query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS ok', [claims, name])).rows[0]?.ok === 1;

  return {
    async take(name, options = {}) {
      while (!(await tryTake(name))) {
        if (!options.wait || options.signal?.aborted) return null;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      let held = true;
      return {
        release: async () => {
          if (!held) return;
          held = false;
          await query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2)) AS ok', [claims, name]);
        },
      };
    },
    async holdRun(runId) {
      await query('SELECT pg_advisory_lock(hashtext($1), $2) IS NULL AS ok', [runs, runId]);
    },
    async releaseRun(runId) {
      await query('SELECT pg_advisory_unlock(hashtext($1), $2) AS ok', [runs, runId]);
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
      const connection = await held.catch(() => null);
      if (!connection) return;
      // Ending the connection would release them too, but only once the server notices: say so now.
      await connection.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      connection.release(true);
    },
  };
}
