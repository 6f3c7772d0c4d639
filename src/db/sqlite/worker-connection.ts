import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { StoreError } from '../errors.js';
import type { SqlRow } from '../sql-reader.js';
import { asStoreError } from './serial-connection.js';

/** A read-only connection to a SQLite file on a worker thread: its statements run beside the main thread's. */
export interface WorkerConnection {
  all<Row extends object = SqlRow>(sql: string, params: Record<string, unknown>): Promise<Row[]>;
  /** Statements sent and not yet answered. */
  readonly pending: number;
  /** Whether the thread has ended (closed, or failed): every later statement fails. */
  readonly ended: boolean;
  /** Waits for the statements sent, then ends the thread. */
  close(): Promise<void>;
}

type Reply = { id: number; rows: unknown[] } | { id: number; error: { name: string; message: string; code?: string } };
type Settle = { resolve: (rows: unknown[]) => void; reject: (err: unknown) => void };
/** A statement sent and not yet answered: how to settle it, and its answer, which closing waits for. */
type Waiting = Settle & { answer: Promise<unknown[]> };

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
    parentPort.postMessage({ id, error: { name: String(err && err.name), message: String(err && err.message), code: err && err.code } });
  }
});
`;

/**
 * Starts the worker and its connection. The thread holds the process open only while a statement is pending, so
 * a command that ends never waits for it. Errors come back as the store's own connection gives them: the driver's as
 * a StoreError naming the store, others (a missing parameter) as they are.
 */
export function openWorkerConnection(path: string): WorkerConnection {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path } });
  const waiting = new Map<number, Waiting>();
  let next = 0;
  let ended: StoreError | null = null;
  worker.unref();

  const settle = (id: number, outcome: (w: Settle) => void) => {
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (waiting.size === 0) worker.unref();
    outcome(entry);
  };
  const end = (err: StoreError) => {
    ended ??= err;
    for (const id of [...waiting.keys()]) settle(id, (w) => w.reject(err));
  };
  worker.on('message', (reply: Reply) => {
    if ('error' in reply) {
      const err = Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code });
      settle(reply.id, (w) => w.reject(asStoreError(err, path)));
    } else settle(reply.id, (w) => w.resolve(reply.rows));
  });
  worker.on('error', (err) => end(new StoreError(`the store at ${path} could not be read on a second connection: ${err.message}`, { cause: err })));
  worker.on('exit', () => end(new StoreError(`the store at ${path} is closed`)));

  return {
    all: <Row extends object>(sql: string, params: Record<string, unknown>) => {
      if (ended) return Promise.reject(ended);
      const id = next++;
      let settleWith!: Settle;
      const answer = new Promise<unknown[]>((resolve, reject) => (settleWith = { resolve, reject }));
      waiting.set(id, { ...settleWith, answer });
      try {
        worker.postMessage({ id, sql, params });
        worker.ref();
      } catch (err) {
        // A parameter that cannot be copied to the thread: nothing was sent, so nothing will answer.
        settle(id, (w) => w.reject(err));
      }
      return answer as Promise<Row[]>;
    },
    get pending() {
      return waiting.size;
    },
    get ended() {
      return ended !== null;
    },
    close: async () => {
      await Promise.allSettled([...waiting.values()].map((w) => w.answer));
      await worker.terminate();
      end(new StoreError(`the store at ${path} is closed`));
    },
  };
}
