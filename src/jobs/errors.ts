import { StoreError } from '../db/index.js';
import { SpikeSyncError } from '../lib/errors.js';
import { SpikeAuthError } from '../spike/index.js';

/** SIGINT/SIGTERM arrived; thrown between pages so the page in hand has committed. */
export class InterruptedError extends SpikeSyncError {
  constructor() {
    super('interrupted by a stop signal');
  }
}

export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError();
}

/**
 * Errors that must stop the whole run rather than one stream: the key was rejected (every other
 * request would fail too), the store cannot be written (better-sqlite3 throws SqliteError), or a stop signal.
 */
export function isFatal(err: unknown): boolean {
  return (
    err instanceof SpikeAuthError ||
    err instanceof InterruptedError ||
    err instanceof StoreError ||
    (err instanceof Error && err.name === 'SqliteError')
  );
}
