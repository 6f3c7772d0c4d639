import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { StoreError } from '../errors.js';
import type { SqlRow } from '../sql-reader.js';

/** A read-only connection to a SQLite file on a worker thread: its statements run beside the main thread's. */
export interface WorkerConnection {
  all<Row extends object = SqlRow>(sql: string, params: Record<string, unknown>): Promise<Row[]>;
  /** Statements sent and not yet answered. */
  readonly pending: number;
  close(): Promise<void>;
}

type Reply = { id: number; rows: unknown[] } | { id: number; error: { message: string; code?: string } };

// Plain CommonJS evaluated by the worker, so it runs the same from the sources (tests, tsx) and from dist: no file to
// resolve, no loader. It opens the file read-only, prepares each text once and answers one message at a time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const prepared = new Map();
parentPort.on('message', ({ id, sql, params }) => {
  try {
    let statement = prepared.get(sql);
    if (!statement) prepared.set(sql, (statement = db.prepare(sql)));
    parentPort.postMessage({ id, rows: statement.all(params) });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err && err.message), code: err && err.code } });
  }
});
`;

/**
 * Starts the worker and its connection. The thread holds the process open only while a statement is pending, so
 * a command that ends never waits for it; an error of the driver comes back as a StoreError naming the store.
 */
export function openWorkerConnection(path: string): WorkerConnection {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path } });
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (err: unknown) => void }>();
  let next = 0;
  let ended: StoreError | null = null;
  worker.unref();

  const settle = (id: number, outcome: (w: { resolve: (rows: unknown[]) => void; reject: (err: unknown) => void }) => void) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    outcome(entry);
  };
  const failAll = (err: StoreError) => {
    ended ??= err;
    for (const id of [...waiting.keys()]) settle(id, (w) => w.reject(err));
  };
  worker.on('message', (reply: Reply) => {
    if ('error' in reply) {
      const cause = Object.assign(new Error(reply.error.message), { name: 'SqliteError', code: reply.error.code });
      settle(reply.id, (w) => w.reject(new StoreError(`the store at ${path} failed: ${reply.error.message}`, { cause })));
    } else settle(reply.id, (w) => w.resolve(reply.rows));
  });
  worker.on('error', (err) => failAll(new StoreError(`the store at ${path} could not be read on a second connection: ${err.message}`, { cause: err })));
  worker.on('exit', () => failAll(new StoreError(`the store at ${path} is closed`)));

  return {
    all: <Row extends object>(sql: string, params: Record<string, unknown>) => {
      if (ended) return Promise.reject(ended);
      const id = next++;
      const answer = new Promise<unknown[]>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, sql, params });
      return answer as Promise<Row[]>;
    },
    get pending() {
      return waiting.size;
    },
    close: async () => {
      await worker.terminate();
      failAll(new StoreError(`the store at ${path} is closed`));
    },
  };
}
