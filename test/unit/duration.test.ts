import { describe, expect, it } from 'vitest';
import { formatSeconds, parseDuration } from '../../src/lib/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['30d', 2_592_000_000],
    ['2w', 1_209_600_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'h', '1y', '-1h', 'soon'])('rejects %j', (text) => expect(parseDuration(text)).toBeNull());
});

describe('formatSeconds', () => {
  it.each([
    [null, '-'],
    [42, '42s'],
    [425, '7m 5s'],
    [11_520, '3h 12m'],
    [187_200, '2d 4h'],
  ])('%s', (seconds, text) => expect(formatSeconds(seconds)).toBe(text));
});
