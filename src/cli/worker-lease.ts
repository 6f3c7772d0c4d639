import { RunLockedError, type StoreLock } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import { describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { Runtime } from './runtime.js';

/** A lease whose heartbeat is this old belongs to a process that is gone (same limits as the run lock). */
const LEASE_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;

export interface WorkerLease {
  /** True once this worker holds the store's schedule; tries to take it when another worker has gone. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * One `start` worker per store: a second one waits, saying so once, and takes over when the first
 * stops (or dies). Without it the two would race for the run lock on every tick, each losing half
 * the time, and double the requests sent to Spike.
 */
export function createWorkerLease(runtime: Pick<Runtime, 'store' | 'clock'>, logger: Logger): WorkerLease {
  let lock: StoreLock | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  let waiting = false;
  const take = async (clock: Clock): Promise<StoreLock | null> => {
    try {
      return await runtime.store.acquireLock('worker', { now: clock.now(), staleMs: LEASE_STALE_MS });
    } catch (err) {
      if (!(err instanceof RunLockedError)) throw err;
      if (!waiting) {
        const { pid, hostname, since } = err.holder;
        logger.warn({ pid, hostname, since }, `another spike-sync start (pid ${pid} on ${hostname}) works on this store; waiting for it to stop`);
      }
      waiting = true;
      return null;
    }
  };
  return {
    async hold() {
      if (lock) return true;
      lock = await take(runtime.clock);
      if (!lock) return false;
      if (waiting) logger.info('the other worker has stopped; taking over the schedule');
      waiting = false;
      const held = lock;
      heartbeat = setInterval(() => {
        held.heartbeat(runtime.clock.now().toISOString()).catch((err: unknown) => logger.warn({ err: describeError(err) }, 'could not refresh the worker lease'));
      }, HEARTBEAT_MS).unref();
      return true;
    },
    async release() {
      clearInterval(heartbeat);
      const held = lock;
      lock = null;
      await held?.release();
    },
  };
}
