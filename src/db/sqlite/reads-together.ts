import { StoreError } from '../errors.js';
import type { SqlReader } from '../sql-reader.js';
import { bindable } from './executor.js';
import { openWorkerConnection, type WorkerConnection } from './worker-connection.js';

/**
 * The reader of a store opened to read. better-sqlite3 runs a statement on the calling thread, so statements asked for
 * together (a report's independent parts under Promise.all) would run one after the other on one core: here, a call made
 * while the store's own connection is busy goes to a second, read-only connection on a worker thread, started on first
 * need, and runs beside it. Each statement reads the store as of its own start, as on two PostgreSQL connections: a
 * sync committing in between is seen by one and not the other. Should that thread fail, its share goes back to the
 * store's own connection. A statement read in batches always runs on the store's own connection, which it keeps until
 * it is read: meanwhile every other goes to the worker, so its reader may wait on them.
 */
export function readsTogether(local: SqlReader, path: string): SqlReader & { close(): Promise<void> } {
  let localPending = 0;
  let localReadings = 0;
  let worker: WorkerConnection | undefined;
  let closed = false;
  const useWorker = (): WorkerConnection | undefined => {
    if (localPending === 0) return undefined;
    if (worker?.ended) return undefined;
    if (worker && worker.pending >= localPending && localReadings === 0) return undefined;
    return (worker ??= openWorkerConnection(path));
  };
  return {
    dialect: local.dialect,
    all: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => {
      if (closed) throw new StoreError(`the store at ${path} is closed`);
      const beside = useWorker();
      if (beside) return beside.all<Row>(sql, bindable(params));
      localPending++;
      try {
        return await local.all<Row>(sql, params);
      } finally {
        localPending--;
      }
    },
    batches: async function* <Row extends object>(sql: string, params: Record<string, unknown> = {}, size?: number) {
      if (closed) throw new StoreError(`the store at ${path} is closed`);
      localPending++;
      localReadings++;
      try {
        yield* local.batches<Row>(sql, params, size);
      } finally {
        localPending--;
        localReadings--;
      }
    },
    close: async () => {
      closed = true;
      await worker?.close();
    },
  };
}
