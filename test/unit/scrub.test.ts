import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/lib/errors.js';
import { safeLogLine } from '../../src/lib/log-line.js';
import { createScrubber, scrubCause } from '../../src/lib/scrub.js';
import { SpikeClientError, SpikeNetworkError, isTransient } from '../../src/spike/index.js';
import { transportError } from '../../src/spike/transport-error.js';

const KEY = 'sk/live+"quoted"&9f8e';
const ctx = { method: 'GET', path: '/incidents', teamId: undefined };

describe('createScrubber', () => {
  it('replaces a secret as sent, URL-encoded and JSON-escaped, and secrets added later', () => {
    const scrub = createScrubber([KEY]);
    const text = `key ${KEY}, url ?k=${encodeURIComponent(KEY)}, json ${JSON.stringify({ k: KEY })}`;
    expect(scrub(text)).toBe('key [redacted], url ?k=[redacted], json {"k":"[redacted]"}');
    expect(scrub('integration token tok-123456')).toBe('integration token tok-123456');
    scrub.add('tok-123456');
    expect(scrub('integration token tok-123456')).toBe('integration token [redacted]');
    expect(createScrubber([''])('nothing to hide')).toBe('nothing to hide');
  });

  it("replaces a secret as each encoder writes !'()*~, and with lowercase escapes", () => {
    const secret = "QAKEY!0123456789(abc)*~'x/+";
    const scrub = createScrubber([secret]);
    const forms = [
      "QAKEY!0123456789(abc)*~'x%2F%2B", // encodeURIComponent
      'QAKEY%210123456789%28abc%29*%7E%27x%2F%2B', // a form: URLSearchParams, application/x-www-form-urlencoded
      'QAKEY%210123456789%28abc%29%2A%7E%27x%2F%2B', // every reserved character escaped
      'QAKEY%210123456789%28abc%29*%7e%27x%2f%2b', // the form again, in lowercase hex
    ];
    expect(new URLSearchParams({ api_key: secret }).toString()).toBe(`api_key=${forms[1]}`);
    for (const form of forms) expect(scrub(`api_key=${form}&b=1`)).toBe('api_key=[redacted]&b=1');
  });

  it('scrubs a cause chain only when it quotes a secret, keeping the chain', () => {
    const scrub = createScrubber([KEY]);
    const clean = new Error('connect ECONNREFUSED');
    expect(scrubCause(clean, scrub)).toBe(clean);
    const leaky = new Error('outer', { cause: new TypeError(`invalid header value ${KEY}`) });
    const safe = scrubCause(leaky, scrub);
    expect(describeError(safe)).toBe('outer: invalid header value [redacted]');
    expect((safe as Error).cause).toBeInstanceOf(Error);
    expect(((safe as Error).cause as Error).name).toBe('TypeError');
  });
});

describe('transportError', () => {
  const scrub = createScrubber([KEY]);

  it('does not retry what undici refuses, and never quotes the key from its message', () => {
    const err = transportError(ctx, new errors.InvalidArgumentError(`invalid x-api-key header ${KEY}`), scrub);
    expect(err).toBeInstanceOf(SpikeClientError);
    expect(isTransient(err)).toBe(false);
    expect(describeError(err)).toBe('GET /incidents failed inside the HTTP client: UND_ERR_INVALID_ARG: invalid x-api-key header [redacted]');
    expect(transportError(ctx, new errors.ClientDestroyedError(), scrub)).toBeInstanceOf(SpikeClientError);
    expect(transportError(ctx, new TypeError('something unexpected'), scrub)).toBeInstanceOf(SpikeClientError);
  });

  it('retries failures of the connection', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    for (const cause of [reset, new errors.SocketError('other side closed'), new errors.HeadersTimeoutError(), new errors.ResponseContentLengthMismatchError()]) {
      const err = transportError(ctx, cause, scrub);
      expect(err).toBeInstanceOf(SpikeNetworkError);
      expect(isTransient(err)).toBe(true);
    }
  });
});

describe('safeLogLine', () => {
  const line = `${JSON.stringify({ level: 30, msg: `team \u009b2J\u001b]0;pwned\u0007\u202eevil ${KEY}` })}\n`;

  it('in JSON mode: scrubs secrets and escapes C1 and bidi characters, keeping the same JSON data', () => {
    const safe = safeLogLine(line, { scrub: createScrubber([KEY]) });
    expect(safe).toMatch(/^[\x20-\x7e]*\n$/);
    expect(JSON.parse(safe)).toEqual({ level: 30, msg: 'team \u009b2J\u001b]0;pwned\u0007\u202eevil [redacted]' });
  });

  it('in pretty mode: turns every unsafe character into visible text', () => {
    const safe = safeLogLine(line, { pretty: true });
    expect(JSON.parse(safe)).toEqual({ level: 30, msg: `team \\x9b2J\\x1b]0;pwned\\x07\\u202eevil ${KEY}` });
    expect(JSON.parse(safeLogLine('{"msg":"a\\\\nb\\nc"}', { pretty: true }))).toEqual({ msg: 'a\\nb\\nc' });
  });
});
