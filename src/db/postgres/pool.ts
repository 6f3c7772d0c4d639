import pg from 'pg';
import { StoreDataError, StoreError } from '../errors.js';
import { describeStore, type PostgresStoreConfig } from '../store-config.js';
import type { StoreMode } from '../store.js';
import { storeTypes } from './types.js';


/**
 * A small pool: one connection for each of the (up to three) streams a team runs at once, for their statements and
 * transactions, one held for the session's advisory locks (team claims), and room for a report or a heartbeat beside them.
 */
const POOL_SIZE = 6;
/**
 * Report statements of one store running at once: pg-pool fails a statement that waits longer than the connection
 * timeout for a connection, so those asked for beyond this wait their turn in the store instead (two connections stay
 * free for a sync's streams and locks).
 */
export const READS_AT_ONCE = POOL_SIZE - 2;
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens a pool on the store's database with every connection in its schema. The URL's `sslmode`,
 * `sslrootcert`, `sslcert` and `sslkey` parameters and the PG* environment variables apply as node-postgres
 * reads them. The first connection is made here, so a wrong host, password or database fails at once,
 * before any request is sent to Spike.
 */
export async function openPool(config: PostgresStoreConfig, mode: StoreMode = 'write'): Promise<pg.Pool> {
  const options: pg.PoolConfig & { onConnect: (client: pg.PoolClient) => Promise<void> } = {
    connectionString: config.url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'spike-sync',
    types: storeTypes,
    // A server that vanishes without closing the connection is noticed instead of waited on forever.
    keepAlive: true,
    keepAliveInitialDelayMillis: 30_000,
    // Every connection works in the store's schema before the pool hands it out (pg-pool awaits this hook);
    // a read-only command's connections cannot write, whatever SQL reaches them.
    // JIT compilation costs more than it saves on these short statements and reports (0.7 s on a million incidents).
    // A sync commits each page without waiting for the WAL flush, as SQLite's WAL with synchronous=NORMAL does:
    // a server crash may lose the last few commits, never consistency, since each page commits with its checkpoint
    // and the next run fetches again whatever was lost.
    // A read-only command plans without parallel workers: a report reads team by team through indexes, and the workers
    // a parallel plan starts cost more than they share (a whole-history summary of a million incidents: 3.1 s with two,
    // 2.0 s without). It sorts in memory up to 32 MB where the default 4 MB spills to disk: the hundred thousand rows
    // of `report open` over a million incidents, or a priority's durations (six alternating runs each, as a process:
    // open 1.26-1.52 s before, 1.25-1.43 s after).
    // Dates are read in ISO form whatever a role or database sets (types.ts parses that form), and a write
    // waits at most a minute for a row another worker holds instead of forever.
    onConnect: async (client) => {
      const session = mode === 'read' ? 'SET default_transaction_read_only = on; SET max_parallel_workers_per_gather = 0; SET work_mem = \'32MB\'' : "SET synchronous_commit = off; SET lock_timeout = '60s'";
      await client.query(`SET search_path TO "${config.schema}"; SET jit = off; SET DateStyle = ISO; SET IntervalStyle = postgres; ${session}`);
    },
  };
  const pool = new pg.Pool(options);
  // Without a listener, an idle connection the server drops would crash the process; the next query reports it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw connectError(config, err);
  }
  return pool;
}

/** One line naming the variable the URL came from, with the password masked, and what the server said. */
export function connectError(config: PostgresStoreConfig, err: unknown): StoreError {
  return new StoreError(`cannot connect to the PostgreSQL store at ${describeStore(config)} (${config.source}): ${reason(err)}`, { cause: err });
}

function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (is the server running, and on this host and port?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case '28P01':
    case '28000':
      return `authentication failed (${message})`;
    case '3D000':
      return `${message} (create it first, or fix the database name)`;
    default:
      return message || code || 'unknown error';
  }
}

/** Driver errors (a SQLSTATE from the server, or a lost connection) become StoreErrors naming the store; others pass. */
export function asStoreError(err: unknown, where: string): unknown {
  if (!(err instanceof Error) || err instanceof StoreError || err instanceof StoreDataError) return err;
  const code = (err as { code?: unknown }).code;
  const fromDriver =
    err instanceof pg.DatabaseError || (typeof code === 'string' && /^[A-Z0-9]{5}$|^E[A-Z]+$/.test(code)) || /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect/i.test(err.message);
  if (!fromDriver) return err;
  if (typeof code === 'string' && code.startsWith('22')) {
    const table = (err as { table?: string }).table;
    return new StoreDataError(`the store at ${where} refused a value${table ? ` in ${table}` : ''}: ${err.message}`, { cause: err });
  }
  return new StoreError(`the store at ${where} failed: ${err.message}`, { cause: err });
}
