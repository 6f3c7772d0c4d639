import { describe, expect, it } from 'vitest';
import { compareText } from '../../src/lib/text-order.js';

const bytewise = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

// ASCII, Latin, the units just below and above the surrogates, both halves of a pair, and whole pairs.
const UNITS = ['a', 'b', 'Z', '\u00e9', '\ud7ff', '\ue000', '\uffff', '\ud83d', '\ude80', '\ud83d\ude80', '\ud800\udc00', '\udbff\udfff'];

/** Every string of up to two of UNITS: 157 strings, so every pair (lone surrogates, pairs, prefixes) is compared. */
const TEXTS = ['', ...UNITS, ...UNITS.flatMap((a) => UNITS.map((b) => a + b))];

describe('compareText', () => {
  it('orders as UTF-8 bytes do: a character beyond U+FFFF after every one below it', () => {
    expect(Math.sign(compareText('\ud83d\ude80', '\uffff'))).toBe(1);
    expect(Math.sign(compareText('\uffff', '\ud83d\ude80'))).toBe(-1);
    expect(Math.sign(compareText('abc', 'abd'))).toBe(-1);
    expect(Math.sign(compareText('ab', 'abc'))).toBe(-1);
    expect(compareText('same', 'same')).toBe(0);
  });

  it('agrees with the bytes on every pair of strings made of up to two of those pieces, lone surrogates included', () => {
    const disagreements = TEXTS.flatMap((a) => TEXTS.filter((b) => Math.sign(compareText(a, b)) !== Math.sign(bytewise(a, b))).map((b) => [a, b]));
    expect(TEXTS.length).toBe(157);
    expect(disagreements).toEqual([]);
  });
});
