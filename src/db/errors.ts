import { SpikeSyncError } from '../lib/errors.js';

/** The store cannot be opened, migrated or written. Fatal: exit 1. */
export class StoreError extends SpikeSyncError {}

/** A read-only command found no store where it looked: nothing was synced there yet (or the location is mistyped). */
export class NoStoreError extends StoreError {}

/**
 * Another live process holds the lock (the run lock: it is syncing into the same store), or, with no holder, kept
 * the store busy longer than SQLite waits to take it.
 */
export class RunLockedError extends SpikeSyncError {
  constructor(
    message: string,
    readonly holder: { pid: number; hostname: string; since: string } | null,
  ) {
    super(message);
  }
}

/**
 * The store refused a value (PostgreSQL's data exceptions, SQLSTATE class 22: text it cannot hold, a time out
 * of its range). Not fatal: the page's transaction is rolled back, its stream fails and the run goes on.
 */
export class StoreDataError extends SpikeSyncError {}
