import type { SqlReader } from '../sql-reader.js';
import { bindable } from './executor.js';
import { openWorkerConnection, type WorkerConnection } from './worker-connection.js';

/**
 * The reader of a store opened to read. better-sqlite3 runs a statement on the calling thread, so statements asked for
 * together (a report's independent parts under Promise.all) would run one after the other on one core: here, a call made
 * while the store's own connection is busy goes to a second, read-only connection on a worker thread, started on first
 * need, and runs beside it. Each statement reads the store as of its own start, as on two PostgreSQL connections: a
 * sync committing in between is seen by one and not the other.
 */
export function readsTogether(local: SqlReader, path: string): SqlReader & { close(): Promise<void> } {
  let localPending = 0;
  let worker: WorkerConnection | undefined;
  return {
    dialect: local.dialect,
    all: <Row extends object>(sql: string, params: Record<string, unknown> = {}) => {
      if (localPending > 0 && (worker?.pending ?? 0) < localPending) {
        worker ??= openWorkerConnection(path);
        return worker.all<Row>(sql, bindable(params));
      }
      localPending++;
      return local.all<Row>(sql, params).finally(() => localPending--);
    },
    close: async () => {
      await worker?.close();
    },
  };
}
