import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';

/**
 * One better-sqlite3 connection used from asynchronous code. The driver is synchronous and a connection has
 * one transaction at a time, so every call waits for the ones queued before it, and a transaction holds the
 * queue until it commits or rolls back: nothing else (a lock heartbeat, a report) can slip its statements
 * into it or read what it has not committed. A call made from within a transaction's callback, while that
 * transaction is open, is part of it and runs at once. The callback must await only such calls: waiting on
 * something that itself waits in the queue would wait forever.
 */
export interface SerialConnection {
  call<T>(work: () => T | Promise<T>): Promise<T>;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs after every call already queued; later calls fail with a StoreError. */
  close(): Promise<void>;
}

interface OpenTransaction {
  open: boolean;
}

export function createSerialConnection(sqlite: Database.Database, path: string): SerialConnection {
  // A token per transaction, closed when it ends: a timer or promise created inside it and run later must not join the next one.
  const context = new AsyncLocalStorage<OpenTransaction>();
  let queue: Promise<unknown> = Promise.resolve();
  let unusable: StoreError | null = null;
  let closed = false;

  const guarded = async <T>(work: () => T | Promise<T>): Promise<T> => {
    if (unusable) throw unusable;
    try {
      return await work();
    } catch (err) {
      throw asStoreError(err, path);
    }
  };
  const insideTransaction = () => context.getStore()?.open === true;
  const call = <T>(work: () => T | Promise<T>): Promise<T> => {
    if (insideTransaction()) return guarded(work);
    if (closed) return Promise.reject(new StoreError(`the store at ${path} is closed`));
    const next = queue.then(() => guarded(work));
    queue = next.catch(() => undefined);
    return next;
  };
  const rollBack = (cause: unknown): void => {
    if (!sqlite.inTransaction) return;
    try {
      sqlite.exec('ROLLBACK');
    } catch (err) {
      // Still inside a transaction nobody can end: every later call would fail the same way, so say so once and stop.
      unusable = new StoreError(`the store at ${path} could not roll back a failed transaction and is unusable until reopened`, { cause: err });
      if (cause instanceof Error) cause.message += ` (and the rollback failed: ${(err as Error).message})`;
    }
  };

  return {
    call,
    transaction: (fn) => {
      if (insideTransaction()) return Promise.reject(new StoreError('transactions do not nest: write through the open transaction instead'));
      return call(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        const token: OpenTransaction = { open: true };
        try {
          const result = await context.run(token, fn);
          // SQLite ends a transaction by itself on some errors; had the callback caught one, later writes were autocommitted.
          if (!sqlite.inTransaction) throw new StoreError(`the store at ${path} rolled the transaction back before it could commit`);
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          rollBack(err);
          throw err;
        } finally {
          token.open = false;
        }
      });
    },
    close: () => {
      if (insideTransaction()) return Promise.reject(new StoreError('the store cannot be closed from inside one of its transactions'));
      closed = true;
      const last = queue.then(() => void sqlite.close());
      queue = last.catch(() => undefined);
      return last;
    },
  };
}

/** better-sqlite3 throws SqliteError (code SQLITE_*), possibly as the cause of a drizzle error; above db/ it is a StoreError naming the store. */
export function asStoreError(err: unknown, path: string): unknown {
  if (!(err instanceof Error) || err instanceof StoreError) return err;
  const driverError = [err, err.cause].find((e): e is Error => e instanceof Error && isDriverError(e));
  if (!driverError) return err;
  return new StoreError(`the store at ${path} failed: ${driverError.message}`, { cause: err });
}

function isDriverError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return err.name === 'SqliteError' || (typeof code === 'string' && code.startsWith('SQLITE_'));
}
