import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { SpikeHttpError, SpikeStoppedError, type RequestContext } from '../../src/spike/errors.js';
import { realSleep, withRetry } from '../../src/spike/retry.js';

const ctx: RequestContext = { method: 'GET', path: '/incidents', teamId: 'T1' };
/** Long enough that a wait not cut short by the stop is plain to see. */
const LONG_MS = 60_000;

/** Settles with what `promise` did, or 'still waiting' after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

describe('withRetry on a stop signal', () => {
  it.each([
    ['the backoff between attempts', undefined],
    ['a Retry-After wait', LONG_MS],
  ])('ends %s at once and fails with SpikeStoppedError, starting no new attempt', async (_name, retryAfterMs) => {
    const stop = new AbortController();
    let attempts = 0;
    const attempt = async (): Promise<never> => {
      attempts++;
      setTimeout(() => stop.abort(), 50);
      throw new SpikeHttpError(ctx, 503, { retryAfterMs });
    };

    const outcome = await within(
      withRetry(attempt, { retries: 5, minDelayMs: LONG_MS, maxDelayMs: LONG_MS, maxRetryAfterMs: 2 * LONG_MS }, { logger: silentLogger(), sleep: realSleep, signal: stop.signal, ctx }).catch((err: unknown) => err),
      3_000,
    );

    expect(outcome).toBeInstanceOf(SpikeStoppedError);
    expect((outcome as Error).message).toBe('GET /incidents (team T1) abandoned: a stop signal arrived');
    expect(attempts).toBe(1);
  });
});
