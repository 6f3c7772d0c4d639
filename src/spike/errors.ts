import { SpikeSyncError } from '../lib/errors.js';

export interface RequestContext {
  method: string;
  /** Path and query, never headers: nothing here may carry the API key. */
  path: string;
  teamId: string | undefined;
}

function where(ctx: RequestContext): string {
  return `${ctx.method} ${ctx.path}${ctx.teamId ? ` (team ${ctx.teamId})` : ''}`;
}

/** Spike answered with a non-2xx status. `transient` drives the retry decision. */
export class SpikeHttpError extends SpikeSyncError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  readonly teamId: string | undefined;
  readonly apiError: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    ctx: RequestContext,
    status: number,
    detail: { apiMessage?: string; apiError?: string; retryAfterMs?: number } = {},
    message?: string,
  ) {
    const said = detail.apiMessage ? `: ${detail.apiMessage}` : '';
    super(message ?? `${where(ctx)} answered HTTP ${status}${said}`);
    this.status = status;
    this.method = ctx.method;
    this.path = ctx.path;
    this.teamId = ctx.teamId;
    this.apiError = detail.apiError;
    this.retryAfterMs = detail.retryAfterMs;
  }

  get transient(): boolean {
    return this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

/** 401 or 403: the key is wrong or revoked. Fatal for the whole run; never retried. */
export class SpikeAuthError extends SpikeHttpError {
  constructor(ctx: RequestContext, status: number, detail: { apiMessage?: string; apiError?: string } = {}) {
    super(ctx, status, detail, `API key rejected by Spike (HTTP ${status} on ${ctx.method} ${ctx.path}); check SPIKE_API_KEY`);
  }

  override get transient(): boolean {
    return false;
  }
}

/** The request never got a complete answer: refused, reset, timed out. */
export class SpikeNetworkError extends SpikeSyncError {
  readonly transient = true;

  constructor(
    readonly ctx: RequestContext,
    readonly code: string,
    cause: unknown,
  ) {
    super(`${where(ctx)} failed: ${code}`, { cause });
  }
}

/** A 2xx whose body cannot be used. A body that is not JSON is retried (proxies, truncation); a wrong shape is not. */
export class SpikeResponseError extends SpikeSyncError {
  constructor(
    readonly ctx: RequestContext,
    problem: string,
    readonly transient = false,
  ) {
    super(`${where(ctx)}: ${problem}`);
  }
}

/**
 * A request that cannot be sent as built, found before anything was dispatched: a header value
 * (a team id from the API, the key) or a path with characters HTTP does not allow. Not retried.
 */
export class SpikeRequestError extends SpikeSyncError {
  readonly transient = false;

  constructor(
    readonly ctx: RequestContext,
    problem: string,
  ) {
    super(`${where(ctx)} cannot be sent: ${problem}`);
  }
}

/**
 * The HTTP client failed in a way that is not the network (undici refused the request, or was
 * closed): a bug or a bad setting. Not retried, and it ends the run: undici may be left unusable.
 */
export class SpikeClientError extends SpikeSyncError {
  readonly transient = false;

  constructor(
    readonly ctx: RequestContext,
    readonly code: string,
    cause: unknown,
  ) {
    super(`${where(ctx)} failed inside the HTTP client: ${code}`, { cause });
  }
}

/** The run's request budget is spent; nothing was sent. The run stops cleanly at its last checkpoint. */
export class RequestBudgetError extends SpikeSyncError {
  readonly transient = false;

  constructor(readonly ctx: RequestContext) {
    super(`request budget of this run spent before ${where(ctx)}`);
  }
}

/** No complete response (headers and body) within SPIKE_HTTP_TIMEOUT. Transient: retried like other network failures. */
export class SpikeTimeoutError extends SpikeNetworkError {
  constructor(ctx: RequestContext, timeoutMs: number, cause: unknown) {
    super(ctx, 'TIMEOUT', cause);
    this.message = `${where(ctx)} failed: the whole response took longer than SPIKE_HTTP_TIMEOUT (${timeoutMs / 1000}s)`;
  }
}

/** A stop signal aborted the request or the wait before it. Never retried; the run ends as interrupted. */
export class SpikeStoppedError extends SpikeSyncError {
  readonly transient = false;

  constructor(readonly ctx: RequestContext) {
    super(`${where(ctx)} abandoned: a stop signal arrived`);
  }
}

/** The body grew past SPIKE_MAX_RESPONSE_BYTES and was cut off while streaming. Not retried: it would only grow again. */
export class SpikeResponseTooLargeError extends SpikeResponseError {
  constructor(ctx: RequestContext, limit: string, announced?: number) {
    const said = announced === undefined ? '' : ` (Content-Length ${announced})`;
    super(ctx, `response larger than ${limit}${said}, the limit set by SPIKE_MAX_RESPONSE_BYTES; aborted, not retried`, false);
  }
}

/** A 3xx: never followed, since the API key would go wherever an untrusted Location points. */
export class SpikeRedirectError extends SpikeHttpError {
  constructor(ctx: RequestContext, status: number, location: string) {
    super(ctx, status, {}, `${where(ctx)} answered HTTP ${status} redirecting to ${location}; redirects are not followed (the API key would go with them): set SPIKE_API_URL to the address that answers directly`);
  }
}

/** The server repeated a page instead of advancing: reading on would loop forever or miss data. */
export class SpikePaginationError extends SpikeSyncError {}

export function isTransient(err: unknown): boolean {
  return (
    (err instanceof SpikeHttpError || err instanceof SpikeNetworkError || err instanceof SpikeResponseError) &&
    err.transient
  );
}
