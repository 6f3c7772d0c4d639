import { describe, expect, it } from 'vitest';
import { REDACTED, secretsIn, storedJson } from '../../src/lib/secret-fields.js';
import { createScrubber } from '../../src/lib/scrub.js';

describe('storedJson', () => {
  it('keeps an item whole when it names no secret', () => {
    const item = { _id: 'a1', name: 'Checkout', nested: { url: 'https://example.com/x' } };
    expect(storedJson(item)).toBe(JSON.stringify(item));
  });

  it('replaces every secret key at any depth and in any casing, and leaves absent or null ones as they are', () => {
    const item = {
      _id: 'i1',
      Token: 'tok_live_5f1e2d3c4b5a',
      integration: { _id: 'x', token: 'tok_nested_111111', integrationToken: 'tok_camel_2222222' },
      config: { token: 'tok_config_333333', apiKey: 'key_4444444444', client_secret: 's_55555555', password: 'p_66666666' },
      list: [{ API_KEY: 'key_7777777777' }],
      empty: { token: null },
      metadata: { authorization: 'Bearer eyJhbGciOi.x.y', headers: { Authorization: 'Basic dXNlcjpwYXNz' }, credentials: { key: 'k_88888888' } },
      step: { webhook_url: 'https://hooks.slack.com/services/T0/B0/xyz', channel_id: 'C123' },
    };
    const stored = JSON.parse(storedJson(item)) as Record<string, unknown>;
    expect(stored).toEqual({
      _id: 'i1',
      Token: REDACTED,
      integration: { _id: 'x', token: REDACTED, integrationToken: REDACTED },
      config: { token: REDACTED, apiKey: REDACTED, client_secret: REDACTED, password: REDACTED },
      list: [{ API_KEY: REDACTED }],
      empty: { token: null },
      metadata: { authorization: REDACTED, headers: { Authorization: REDACTED }, credentials: REDACTED },
      step: { webhook_url: REDACTED, channel_id: 'C123' },
    });
    expect(item.Token).toBe('tok_live_5f1e2d3c4b5a');
  });

  it('hides the token of a Spike webhook URL in any string', () => {
    const item = { desc: 'send alerts to https://hooks.spike.sh/tok_hook_abcdef123 please', n: 1 };
    const stored = storedJson(item);
    expect(stored).not.toContain('tok_hook_abcdef123');
    expect(JSON.parse(stored)).toEqual({ desc: `send alerts to https://hooks.spike.sh/${REDACTED} please`, n: 1 });
  });

  it('hides the token of a webhook URL written with a trailing dot, a port or percent-encoded', () => {
    const forms = ['https://hooks.spike.sh./tok_dot_1234567', 'https://hooks.spike.sh:443/tok_port_1234567', 'u=https%3A%2F%2Fhooks.spike.sh%2Ftok_enc_1234567%26x%3D1'];
    const stored = JSON.parse(storedJson({ forms })) as { forms: string[] };
    expect(stored.forms).toEqual([`https://hooks.spike.sh./${REDACTED}`, `https://hooks.spike.sh:443/${REDACTED}`, `u=https%3A%2F%2Fhooks.spike.sh%2F${REDACTED}%26x%3D1`]);
    expect([...secretsIn(forms)].sort()).toEqual(['tok_dot_1234567', 'tok_enc_1234567', 'tok_port_1234567']);
  });

  it('stores a value that is not an object as it came', () => {
    expect(storedJson(['a', 1])).toBe('["a",1]');
  });
});

describe('secretsIn', () => {
  it('finds secret keys\' text values and webhook tokens at any depth', () => {
    const found = secretsIn([{ token: 'tok_a_12345678', config: { Token: 'tok_b_12345678' }, url: 'https://hooks.spike.sh/tok_c_12345678' }]);
    expect([...found].sort()).toEqual(['tok_a_12345678', 'tok_b_12345678', 'tok_c_12345678']);
  });
});

describe('the scrubber', () => {
  it('hides webhook tokens it was never told, and learnt secrets, but leaves out a learnt secret too short to replace', () => {
    const scrub = createScrubber();
    scrub.learn('tok_learnt_999999');
    scrub.learn('short');
    expect(scrub('hooks.spike.sh/tok_x_0000000 and tok_learnt_999999 and short')).toBe(`hooks.spike.sh/${REDACTED} and ${REDACTED} and short`);
  });
});
