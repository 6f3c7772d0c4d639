import { describe, expect, it } from 'vitest';
import { REDACTED, storedJson } from '../../src/lib/secret-fields.js';

describe('storedJson', () => {
  it('keeps an item whole when it names no secret field', () => {
    const item = { _id: 'a1', name: 'Checkout', nested: { token: 'kept: only top-level fields are named' } };
    expect(storedJson(item)).toBe(JSON.stringify(item));
  });

  it('replaces each named field that is present with the marker, and leaves absent ones absent', () => {
    const item = { _id: 'i1', name: 'Datadog', token: 'tok_live_5f1e2d3c4b5a', url: 'https://hooks.example/x' };
    const stored = JSON.parse(storedJson(item, ['token', 'secret'])) as Record<string, unknown>;
    expect(stored).toEqual({ _id: 'i1', name: 'Datadog', token: REDACTED, url: 'https://hooks.example/x' });
    expect(JSON.stringify(stored)).not.toContain('tok_live');
    expect(item.token).toBe('tok_live_5f1e2d3c4b5a');
  });

  it('stores a value that is not an object as it came', () => {
    expect(storedJson(['a', 1], ['token'])).toBe('["a",1]');
  });
});
