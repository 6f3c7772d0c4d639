import { describe, expect, it } from 'vitest';
import { classifyInterruption } from '../../src/lib/interruption-class.js';

const at = (iso: string) => new Date(iso);

describe('classifyInterruption', () => {
  it('classes by local hour and weekday at the boundaries (UTC)', () => {
    // 2026-11-20 is a Friday, 21 a Saturday, 22 a Sunday, 23 a Monday.
    expect(classifyInterruption(at('2026-11-20T07:59:59Z'), 'UTC')).toBe('sleep');
    expect(classifyInterruption(at('2026-11-20T08:00:00Z'), 'UTC')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T17:59:59Z'), 'UTC')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T18:00:00Z'), 'UTC')).toBe('off_hours');
    expect(classifyInterruption(at('2026-11-20T21:59:59Z'), 'UTC')).toBe('off_hours');
    expect(classifyInterruption(at('2026-11-20T22:00:00Z'), 'UTC')).toBe('sleep');
    expect(classifyInterruption(at('2026-11-21T12:00:00Z'), 'UTC')).toBe('off_hours');
    expect(classifyInterruption(at('2026-11-22T08:00:00Z'), 'UTC')).toBe('off_hours');
    expect(classifyInterruption(at('2026-11-22T23:00:00Z'), 'UTC')).toBe('sleep');
    expect(classifyInterruption(at('2026-11-22T03:00:00Z'), 'UTC')).toBe('sleep');
    expect(classifyInterruption(at('2026-11-23T10:00:00Z'), 'UTC')).toBe('business');
  });

  it('uses the local weekday, which may differ from the UTC one', () => {
    // Sunday 23:30 UTC is Monday 08:30 in Tokyo; Friday 20:00 UTC is Saturday 05:00 there.
    expect(classifyInterruption(at('2026-11-22T23:30:00Z'), 'Asia/Tokyo')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T20:00:00Z'), 'Asia/Tokyo')).toBe('sleep');
    expect(classifyInterruption(at('2026-11-21T03:00:00Z'), 'Asia/Tokyo')).toBe('off_hours');
    // Half-hour offsets: 02:30 UTC is 08:00 in Kolkata.
    expect(classifyInterruption(at('2026-11-20T02:30:00Z'), 'Asia/Kolkata')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T02:29:00Z'), 'Asia/Kolkata')).toBe('sleep');
  });

  it('follows daylight saving time', () => {
    // New York springs forward on 2026-03-08: 12:30 UTC is 07:30 EST on the Friday before, 08:30 EDT on the Monday after.
    expect(classifyInterruption(at('2026-03-06T12:30:00Z'), 'America/New_York')).toBe('sleep');
    expect(classifyInterruption(at('2026-03-09T12:30:00Z'), 'America/New_York')).toBe('business');
    // London: 07:30 UTC is 07:30 GMT on 2026-03-23, 08:30 BST on 2026-03-30.
    expect(classifyInterruption(at('2026-03-23T07:30:00Z'), 'Europe/London')).toBe('sleep');
    expect(classifyInterruption(at('2026-03-30T07:30:00Z'), 'Europe/London')).toBe('business');
    // And back on 2026-10-25: 17:30 UTC is 18:30 BST on 2026-10-19, 17:30 GMT on 2026-10-26.
    expect(classifyInterruption(at('2026-10-19T17:30:00Z'), 'Europe/London')).toBe('off_hours');
    expect(classifyInterruption(at('2026-10-26T17:30:00Z'), 'Europe/London')).toBe('business');
  });

  it('reads a missing or unknown time zone as UTC', () => {
    expect(classifyInterruption(at('2026-11-20T09:00:00Z'), null)).toBe('business');
    expect(classifyInterruption(at('2026-11-20T09:00:00Z'), '')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T09:00:00Z'), 'Mars/Olympus_Mons')).toBe('business');
    expect(classifyInterruption(at('2026-11-20T23:00:00Z'), 'not a zone\u001b[31m')).toBe('sleep');
    // The same instant in a real zone far from UTC is classed differently, so the fallback is really UTC.
    expect(classifyInterruption(at('2026-11-20T09:00:00Z'), 'Pacific/Auckland')).toBe('sleep');
  });
});
