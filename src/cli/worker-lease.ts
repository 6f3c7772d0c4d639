import { RunLockedError } from '../db/index.js';
import { holdLock, type HeldLock } from '../jobs/hold-lock.js';
import type { Logger } from '../lib/logger.js';
import type { Runtime } from './runtime.js';

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
  let lease: HeldLock | null = null;
  let waiting = false;
  const take = async (): Promise<HeldLock | null> => {
    try {
      return await holdLock({ ...runtime, logger }, 'worker');
    } catch (err) {
      if (!(err instanceof RunLockedError)) throw err;
      if (!waiting && err.holder) {
        const { pid, hostname, since } = err.holder;
        logger.warn({ pid, hostname, since }, `another spike-sync start (pid ${pid} on ${hostname}) works on this store; waiting for it to stop`);
      } else if (!waiting) {
        logger.warn(`${err.message}; waiting`);
      }
      waiting = true;
      return null;
    }
  };
  return {
    async hold() {
      if (lease) return true;
      lease = await take();
      if (!lease) return false;
      if (waiting) logger.info('the other worker has stopped; taking over the schedule');
      waiting = false;
      return true;
    },
    async release() {
      const held = lease;
      lease = null;
      await held?.release();
    },
  };
}
