import type { LockName, Store } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

/** A lock whose heartbeat is this old belongs to a process that is gone, and is taken over. */
const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;

export interface HeldLock {
  /** Stops the heartbeat and frees the lock; a failure is logged, not thrown. */
  release(): Promise<void>;
}

/**
 * Takes one of the store's locks (throwing RunLockedError when a live process holds it) and keeps its
 * heartbeat fresh until released. A heartbeat that fails is logged, never thrown: it runs on a timer,
 * where a throw would end the process without a word.
 */
export async function holdLock(deps: { store: Store; clock: Clock; logger: Logger }, name: LockName): Promise<HeldLock> {
  const lock = await deps.store.acquireLock(name, { now: deps.clock.now(), staleMs: LOCK_STALE_MS });
  const beat = () => {
    lock.heartbeat(deps.clock.now().toISOString()).catch((err: unknown) => {
      deps.logger.warn({ lock: name, err: describeError(err) }, 'could not refresh the store lock; another process may take it over');
    });
  };
  const timer = setInterval(beat, HEARTBEAT_MS).unref();
  return {
    // Never throws: it runs in `finally` blocks, where a throw would replace the error on its way out (a stop
    // would turn into a failure). A lock left behind is taken over once this process has exited.
    async release() {
      clearInterval(timer);
      await lock.release().catch((err: unknown) => {
        deps.logger.error({ lock: name, err: describeError(err) }, 'could not release the store lock; the next process takes it over once this one has exited');
      });
    },
  };
}
