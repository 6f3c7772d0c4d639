import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rememberingTitleKeys, titleKey } from '../../src/db/title-key.js';

const md5Key = (title: string) => parseInt(createHash('md5').update(title, 'utf8').digest('hex').slice(0, 13), 16);

describe('titleKey', () => {
  it('is the first 52 bits of the MD5 of the UTF-8 title', () => {
    // MD5('abc') = 900150983cd24fb0d6963f7d28e17f72
    expect(titleKey('abc')).toBe(0x900150983cd24);
    for (const title of ['', 'High error rate on checkout-api', 'Ünïcødé 🚨 title', 'x'.repeat(2000)]) expect(titleKey(title)).toBe(md5Key(title));
  });
});

describe('rememberingTitleKeys', () => {
  it('gives the key of every title, met for the first time, remembered, too long to remember, or forgotten when the memory filled', () => {
    const keys = rememberingTitleKeys();
    const short = Array.from({ length: 3000 }, (_, i) => `Disk almost full on host-${i}`);
    const long = Array.from({ length: 50 }, (_, i) => `${'Replication lag '.repeat(10)}${i}`);
    expect(keys('abc')).toBe(0x900150983cd24);
    expect(keys('abc')).toBe(0x900150983cd24);
    // Twice each: the second pass reads what the first remembered (3,000 fit).
    for (const pass of [1, 2]) {
      for (const title of [...short, ...long]) expect([pass, keys(title)]).toEqual([pass, md5Key(title)]);
    }
    // Another 3,000 fill the memory past its size, which forgets everything; the first ones are hashed again.
    for (const title of short.map((t) => `${t} again`)) expect(keys(title)).toBe(md5Key(title));
    for (const title of short) expect(keys(title)).toBe(md5Key(title));
  });
});
