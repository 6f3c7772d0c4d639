import { StoreError } from '../db/index.js';
import { SpikeSyncError } from '../lib/errors.js';
import { RequestBudgetError, SpikeAuthError, SpikeClientError } from '../spike/index.js';

/** A stop signal arrived (SIGINT, SIGTERM, SIGHUP); thrown between pages, so only whole pages are stored. */
export class InterruptedError extends SpikeSyncError {
  constructor(message = 'interrupted by a stop signal') {
    super(message);
  }
}

/** What a stream cut short by `signal` records: the stop the signal carries, or a stop signal's. */
export function interruptionOf(signal: AbortSignal): InterruptedError {
  return signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError();
}

export function throwIfInterrupted(signal: AbortSignal): void {
  if (signal.aborted) throw new InterruptedError();
}

/** A stop signal or a spent request budget: the run ends cleanly at its last checkpoint. */
export function stopsRunCleanly(err: unknown): err is InterruptedError | RequestBudgetError {
  return err instanceof InterruptedError || err instanceof RequestBudgetError;
}

/**
 * Errors that must end the whole run as failed rather than one stream: the key was rejected
 * (every other request would fail too), the HTTP client failed in a way that is not the network (it may
 * be unusable now), or the store cannot be written (the store reports every driver error as a StoreError).
 */
export function isFatal(err: unknown): boolean {
  return err instanceof SpikeAuthError || err instanceof SpikeClientError || err instanceof StoreError;
}

/** `err` if it is fatal; otherwise a StoreError around it, for a failure while writing the ledger that must stop the run. */
export function asFatal(err: unknown): unknown {
  return isFatal(err) ? err : new StoreError('the run ledger could not be written', { cause: err });
}
