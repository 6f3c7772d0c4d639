import { errors } from 'undici';
import { SpikeSyncError } from '../lib/errors.js';
import { scrubCause, type Scrubber } from '../lib/scrub.js';
import { SpikeClientError, SpikeNetworkError, SpikeRequestError, type RequestContext } from './errors.js';

/** undici errors about the request or the client itself: sending it again cannot help. */
const NOT_THE_NETWORK = [
  errors.InvalidArgumentError,
  errors.InvalidReturnValueError,
  errors.NotSupportedError,
  errors.ClientDestroyedError,
  errors.ClientClosedError,
  errors.RequestContentLengthMismatchError,
];

/**
 * Classifies what undici threw while sending a request or reading its answer. Only failures of the
 * connection (system errors such as ECONNRESET, undici's timeout/socket/parser errors, an abort) are
 * network errors, which are retried; anything else is a SpikeClientError. Messages are scrubbed of
 * secrets, since a lower layer may quote the request it refused.
 */
export function transportError(ctx: RequestContext, err: unknown, scrub: Scrubber): SpikeSyncError {
  if (err instanceof SpikeSyncError) return err;
  const code = scrub(errorCode(err));
  const cause = scrubCause(err, scrub);
  return isNetworkFailure(err) ? new SpikeNetworkError(ctx, code, cause) : new SpikeClientError(ctx, code, cause);
}

function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (NOT_THE_NETWORK.some((type) => err instanceof type)) return false;
  // A response that breaks HTTP itself (a control character in a header, a bad chunk size) is the server's or a proxy's
  // fault, as a cut connection is; undici's parser error is no UndiciError and carries no code.
  if (err instanceof errors.UndiciError || err instanceof errors.HTTPParserError) return true;
  // Node's system errors (ECONNREFUSED, ECONNRESET, ENOTFOUND…), llhttp's HPE_* parser errors, aborts and deadlines.
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^(E[A-Z]|HPE_)/.test(code)) return true;
  return err.name === 'AbortError' || err.name === 'TimeoutError';
}

function errorCode(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof e.code === 'string') return e.code;
    if (typeof e.name === 'string' && e.name !== 'Error') return e.name;
    if (typeof e.message === 'string') return e.message;
  }
  return 'network error';
}

/** What we send: printable ASCII; a path has no spaces (the resources URL-encode ids), a header value none at its ends. */
const SENDABLE_PATH = /^[\x21-\x7e]+$/;
const SENDABLE_VALUE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * Refuses, before undici sees them, header values and paths undici would reject: undici 7 counts
 * such a refusal against a pool connection that then never frees, and once all of them are taken
 * the next request waits forever. The value is never quoted: it may be the key.
 */
export function assertSendable(ctx: RequestContext, headers: Readonly<Record<string, string>>): void {
  if (!SENDABLE_PATH.test(ctx.path)) throw new SpikeRequestError(ctx, 'the path has characters HTTP does not allow');
  for (const [name, value] of Object.entries(headers)) {
    if (!SENDABLE_VALUE.test(value)) {
      throw new SpikeRequestError(ctx, `the ${name} header is empty or has characters HTTP does not allow (controls, spaces at the ends, non-ASCII)`);
    }
  }
}
