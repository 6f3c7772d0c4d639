import { Agent, request, type Dispatcher } from 'undici';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../lib/byte-size.js';
import { eitherSignal } from '../lib/either-signal.js';
import type { Logger } from '../lib/logger.js';
import { withinDepth } from '../lib/json-depth.js';
import { createScrubber, mayHideSecrets, scrubParsed, type Scrubber } from '../lib/scrub.js';
import { createAttemptSignal, type AttemptSignal } from './attempt-signal.js';
import { discardBody, readBoundedText } from './bounded-body.js';
import { RequestBudgetError, SpikeAuthError, SpikeHttpError, SpikeResponseError, type RequestContext } from './errors.js';
import { SpikeRedirectError, SpikeStoppedError, SpikeTimeoutError } from './errors.js';
import { createRateLimiter } from './rate-limit.js';
import type { RequestMeter } from './request-meter.js';
import { describeLocation } from './redirect.js';
import { defaultRetryPolicy, parseRetryAfter, realSleep, withRetry, type RetryPolicy, type Sleep } from './retry.js';
import { assertSendable, transportError } from './transport-error.js';

export interface SpikeClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Deadline of one attempt, from sending it to the last byte of its body. */
  timeoutMs: number;
  /** A body past this many bytes is aborted while it streams (default 64 MiB). */
  maxResponseBytes?: number;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
  /** Most request starts per second (0: no cap). */
  maxRps?: number;
  sleep?: Sleep;
  /** Removes secrets from API text put into errors; the key is added to it. Share it with the logger. */
  scrub?: Scrubber;
}

export type Query = Record<string, string | number | undefined>;

export interface GetOptions {
  /** The one team a team-scoped request is about; sent as `x-team-id`. */
  teamId?: string;
  query?: Query;
  /** Counts this request's attempts as they are sent, and tracks it until it settles (see RequestMeter). */
  meter?: RequestMeter;
  /**
   * Abandons this request alone, as the run's stop signal abandons every one: a page fetched ahead that is no longer
   * wanted. It then fails with SpikeStoppedError.
   */
  signal?: AbortSignal;
}

/**
 * The only door to Spike. It can send nothing but GET: the API key has full write access,
 * so a read-only client is a safety property, not a convention.
 */
export interface SpikeClient {
  get(path: string, options?: GetOptions): Promise<unknown>;
  /** HTTP attempts made so far, retries included: what Spike's quota counts. */
  readonly requestCount: number;
  /**
   * Allows at most `count` more attempts (null: no limit). Past it, `get` throws RequestBudgetError
   * before sending anything, so a run's budget is never overrun, retries included.
   */
  limitRequests(count: number | null): void;
  /**
   * Once `signal` aborts (null: none), requests in flight are aborted, no request or retry starts, and
   * rate-limit and Retry-After waits end at once: `get` then throws SpikeStoppedError.
   */
  stopWaitingOn(signal: AbortSignal | null): void;
  /** Removes the key (and any other secret the client knows) from text about to be logged, stored or printed. */
  scrub(text: string): string;
  /** Adds a secret found in a response (an integration token) to those `scrub` and the responses after this one hide. */
  learnSecret(secret: string): void;
  close(): Promise<void>;
}

export function createSpikeClient(options: SpikeClientOptions): SpikeClient {
  const agent = new Agent({
    keepAliveTimeout: 10_000,
    connections: 8,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  });
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const sleep = options.sleep ?? realSleep;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const limiter = createRateLimiter(options.maxRps ?? 0, sleep);
  const scrub = options.scrub ?? createScrubber();
  scrub.add(options.apiKey);
  let requestCount = 0;
  let requestLimit = Infinity;
  let stopSignal: AbortSignal | undefined;

  const attempt = async (ctx: RequestContext, headers: Record<string, string>, send: Sending): Promise<unknown> => {
    if (requestCount >= requestLimit) throw new RequestBudgetError(ctx);
    assertSendable(ctx, headers);
    requestCount++;
    await limiter.acquire(send.signal);
    if (send.signal?.aborted) {
      // Counted up front so concurrent callers cannot overrun the budget; this one never left.
      requestCount--;
      throw new SpikeStoppedError(ctx);
    }
    const started = performance.now();
    const aborter = createAttemptSignal(send.signal, options.timeoutMs);
    try {
      const url = `${baseUrl}${ctx.path}`;
      const response = await request(url, { method: 'GET', headers, dispatcher: agent, signal: aborter.signal });
      options.logger.debug({ method: ctx.method, path: ctx.path, teamId: ctx.teamId, status: response.statusCode, ms: Math.round(performance.now() - started) }, 'spike request');
      return await readBody(response, ctx, { maxBytes: maxResponseBytes, url, scrub });
    } catch (err) {
      throw asAttemptError(err, ctx, aborter, { timeoutMs: options.timeoutMs, scrub });
    } finally {
      aborter.dispose();
      send.meter?.countAttempt();
    }
  };

  return {
    get(path, getOptions = {}) {
      const ctx: RequestContext = { method: 'GET', path: withQuery(path, getOptions.query), teamId: getOptions.teamId };
      const headers: Record<string, string> = { 'x-api-key': options.apiKey, accept: 'application/json' };
      if (getOptions.teamId) headers['x-team-id'] = getOptions.teamId;
      const { meter } = getOptions;
      const send = async () => {
        const either = eitherSignal(stopSignal, getOptions.signal);
        const { signal } = either;
        try {
          return await withRetry(() => attempt(ctx, headers, { signal, meter }), policy, { logger: options.logger, sleep, signal, ctx, beforeRetry: meter && (() => meter.beforeRetry()) });
        } finally {
          either.dispose();
        }
      };
      return meter ? meter.track(send) : send();
    },
    get requestCount() {
      return requestCount;
    },
    limitRequests(count) {
      requestLimit = count === null ? Infinity : requestCount + count;
    },
    stopWaitingOn(signal) {
      stopSignal = signal ?? undefined;
    },
    scrub: (text) => scrub(text),
    learnSecret: (secret) => scrub.learn(secret),
    close: () => agent.close(),
  };
}

/** What one request's attempts share: what abandons them, and what counts them. */
interface Sending {
  signal: AbortSignal | undefined;
  meter: RequestMeter | undefined;
}

/** Why an attempt failed, by what aborted it: a stop (not retried), the deadline (retried), or what undici threw. */
function asAttemptError(err: unknown, ctx: RequestContext, aborter: AttemptSignal, options: { timeoutMs: number; scrub: Scrubber }): unknown {
  if (aborter.cause === 'stop') return new SpikeStoppedError(ctx);
  if (aborter.cause === 'deadline') return new SpikeTimeoutError(ctx, options.timeoutMs, err);
  if (err instanceof SpikeHttpError || err instanceof SpikeResponseError) return err;
  return transportError(ctx, err, options.scrub);
}

async function readBody(response: Dispatcher.ResponseData, ctx: RequestContext, options: { maxBytes: number; url: string; scrub: Scrubber }): Promise<unknown> {
  const { scrub } = options;
  const status = response.statusCode;
  if (status >= 300 && status < 400) {
    // Only the Location header is reported: the body is not read at all.
    discardBody(response);
    throw new SpikeRedirectError(ctx, status, describeLocation(response.headers.location, options.url, scrub));
  }
  const text = await readBoundedText(response, options.maxBytes, ctx);
  // A body may quote the key (an alert that pasted a curl command): it must not reach the store either.
  if (status >= 200 && status < 300) {
    const parsed = withinDepth(parseJson(scrub(text), ctx));
    return mayHideSecrets(text) ? scrubParsed(parsed, scrub) : parsed;
  }
  const apiBody = safeParse(text);
  // Scrubbed before cutting: a server may echo the key it received, and half a key is still a leak.
  const detail = {
    apiMessage: typeof apiBody?.message === 'string' ? scrub(apiBody.message).slice(0, 200) : undefined,
    apiError: typeof apiBody?.error === 'string' ? scrub(apiBody.error).slice(0, 100) : undefined,
    retryAfterMs: parseRetryAfter(response.headers['retry-after'], Date.now()),
  };
  if (status === 401 || status === 403) throw new SpikeAuthError(ctx, status, detail);
  throw new SpikeHttpError(ctx, status, detail);
}

function parseJson(text: string, ctx: RequestContext): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const looksHtml = /^\s*</.test(text);
    const what = looksHtml ? 'an HTML page' : `malformed JSON (${text.length} bytes)`;
    throw new SpikeResponseError(ctx, `expected JSON, got ${what}`, true);
  }
}

function safeParse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
