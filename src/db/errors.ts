import { SpikeSyncError } from '../lib/errors.js';

/** The store cannot be opened, migrated or written. Fatal: exit 1. */
export class StoreError extends SpikeSyncError {}

/** Another live process holds the lock (the run lock: it is syncing into the same store). */
export class RunLockedError extends SpikeSyncError {
  constructor(
    message: string,
    readonly holder: { pid: number; hostname: string; since: string },
  ) {
    super(message);
  }
}
