import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { titleKey } from '../../src/db/title-key.js';

const md5Key = (title: string) => parseInt(createHash('md5').update(title, 'utf8').digest('hex').slice(0, 13), 16);

describe('titleKey', () => {
  it('is the first 52 bits of the MD5 of the UTF-8 title, the first time and every time after', () => {
    // MD5('abc') = 900150983cd24fb0d6963f7d28e17f72
    expect(titleKey('abc')).toBe(0x900150983cd24);
    expect(titleKey('abc')).toBe(0x900150983cd24);
    for (const title of ['', 'High error rate on checkout-api', 'Ünïcødé 🚨 title', 'x'.repeat(2000)]) {
      expect(titleKey(title)).toBe(md5Key(title));
      expect(titleKey(title)).toBe(md5Key(title));
    }
  });

  it('gives the right key for titles remembered, forgotten when the memory fills, and met again', () => {
    const titles = Array.from({ length: 10_000 }, (_, i) => `Disk almost full on host-${i}`);
    for (const title of titles) expect(titleKey(title)).toBe(md5Key(title));
    for (const title of titles) expect(titleKey(title)).toBe(md5Key(title));
  });
});
