import { setTimeout as delay } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { Logger } from '../lib/logger.js';
import { SpikeHttpError, SpikeStoppedError, isTransient, type RequestContext } from './errors.js';

export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  minDelayMs: number;
  maxDelayMs: number;
  /** Longest `Retry-After` we agree to wait; a longer one fails the request with a clear message. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  minDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

/** Waits `ms`; an injected sleep may ignore `signal` (the caller races it), the real one clears its timer on abort. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined);

/** Resolves after `ms`, or as soon as `signal` aborts: a stop must not wait out a long Retry-After or rate-limit slot. */
export function sleepUnless(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return sleep(ms);
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done);
    void sleep(ms, signal).then(done);
  });
}

export class RetryAfterTooLongError extends SpikeHttpError {
  constructor(cause: SpikeHttpError, retryAfterMs: number, capMs: number) {
    const ctx = { method: cause.method, path: cause.path, teamId: cause.teamId };
    const message = `Spike asked to wait ${Math.ceil(retryAfterMs / 1000)}s before retrying ${cause.method} ${cause.path} (HTTP ${cause.status}), longer than the ${Math.round(capMs / 1000)}s cap; giving up on this stream`;
    super(ctx, cause.status, { retryAfterMs }, message);
  }

  override get transient(): boolean {
    return false;
  }
}

/**
 * Retries transient failures with exponential backoff and jitter. A 429's `Retry-After` is
 * honoured on top of the backoff, up to `maxRetryAfterMs`. Both waits end at once on a stop,
 * which then fails the request with SpikeStoppedError.
 */
export function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  deps: { logger: Logger; sleep: Sleep; signal?: AbortSignal; ctx: RequestContext; beforeRetry?: () => Promise<void> },
): Promise<T> {
  const { signal } = deps;
  return pRetry(attempt, {
    retries: policy.retries,
    // The backoff is waited in onFailedAttempt: p-retry's own timer cannot be cut short without also
    // dropping a response that arrived as the stop did.
    minTimeout: 0,
    maxTimeout: 0,
    shouldRetry: ({ error }) => isTransient(error),
    // Throwing here ends the retries with that error: after a stop signal no new attempt starts.
    onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
      if (!isTransient(error)) throw error;
      if (signal?.aborted) throw new SpikeStoppedError(deps.ctx);
      const wait = error instanceof SpikeHttpError ? error.retryAfterMs : undefined;
      if (wait !== undefined && wait > policy.maxRetryAfterMs && error instanceof SpikeHttpError) {
        throw new RetryAfterTooLongError(error, wait, policy.maxRetryAfterMs);
      }
      if (retriesLeft === 0) return;
      await deps.beforeRetry?.();
      deps.logger.warn({ attempt: attemptNumber, retriesLeft, err: error.message, retryAfterMs: wait }, 'spike request failed, retrying');
      if (wait !== undefined) await sleepUnless(deps.sleep, wait, signal);
      // The real timer, not the injected sleep: tests inject one to observe Retry-After and rate-limit waits only.
      await realSleep(backoffMs(policy, attemptNumber), signal);
      if (signal?.aborted) throw new SpikeStoppedError(deps.ctx);
    },
  });
}

/** Doubles from `minDelayMs` per failed attempt, times a random 1 to 2, capped at `maxDelayMs`. */
function backoffMs(policy: RetryPolicy, failedAttempts: number): number {
  const base = policy.minDelayMs * 2 ** (failedAttempts - 1);
  return Math.min(Math.round(base * (1 + Math.random())), policy.maxDelayMs);
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
