import type { Sleep } from './retry.js';

export interface RateLimiter {
  /** Resolves when the next request may start. */
  acquire(): Promise<void>;
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
    async acquire() {
      const current = now();
      const at = Math.max(current, nextAt);
      nextAt = at + interval;
      if (at > current) await sleep(at - current);
    },
  };
}
