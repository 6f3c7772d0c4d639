import { sleepUnless, type Sleep } from './retry.js';

export interface RateLimiter {
  /** Resolves when the next request may start, or early once `signal` aborts (the caller checks it). */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * Spaces request starts at least 1/maxRps seconds apart, so bursts (page prefetch, retries, many
 * detail fetches) stay polite. Slots are reserved synchronously, so concurrent callers queue in order.
 * `maxRps` 0 turns it off.
 */
export function createRateLimiter(maxRps: number, sleep: Sleep, now: () => number = Date.now): RateLimiter {
  if (maxRps <= 0) return { acquire: async () => undefined };
  const interval = 1000 / maxRps;
  let nextAt = 0;
  return {
    async acquire(signal) {
      const current = now();
      const at = Math.max(current, nextAt);
      nextAt = at + interval;
      if (at > current) await sleepUnless(sleep, at - current, signal);
    },
  };
}
