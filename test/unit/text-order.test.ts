import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/lib/text-order.js';

const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// ASCII, Latin, the units just below and above the surrogates, both halves of a pair, and whole pairs.
const UNITS = ['a', 'b', 'Z', '\u00e9', '\ud7ff', '\ue000', '\uffff', '\ud83d', '\ude80', '\ud83d\ude80', '\ud800\udc00', '\udbff\udfff'];

function randomText(random: () => number): string {
  let text = '';
  for (let n = Math.floor(random() * 5); n > 0; n--) text += UNITS[Math.floor(random() * UNITS.length)];
  return text;
}

describe('compareText', () => {
  it('orders as UTF-8 bytes do: a character beyond U+FFFF after every one below it', () => {
    expect(Math.sign(compareText('\ud83d\ude80', '\uffff'))).toBe(1);
    expect(Math.sign(compareText('\uffff', '\ud83d\ude80'))).toBe(-1);
    expect(Math.sign(compareText('abc', 'abd'))).toBe(-1);
    expect(Math.sign(compareText('ab', 'abc'))).toBe(-1);
    expect(compareText('same', 'same')).toBe(0);
  });

  it('agrees with the bytes on 20,000 random pairs, lone surrogates included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const a = randomText(random);
      const b = random() < 0.3 ? a + randomText(random) : randomText(random);
      expect([a, b, Math.sign(compareText(a, b))]).toEqual([a, b, Math.sign(bytewise(a, b))]);
    }
  });
});
