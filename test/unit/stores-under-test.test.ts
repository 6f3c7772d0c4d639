import { describe, expect, it } from 'vitest';
import { STORE_KINDS, storesUnderTest } from '../helpers/stores.js';

describe('storesUnderTest', () => {
  it('runs on every store the project has when SPIKE_TEST_STORES is unset or blank', () => {
    expect(storesUnderTest({})).toEqual([...STORE_KINDS]);
    expect(storesUnderTest({ SPIKE_TEST_STORES: ' , ' })).toEqual([...STORE_KINDS]);
    expect(STORE_KINDS).toContain('sqlite');
  });

  it('runs on the listed stores, trimmed and once each', () => {
    expect(storesUnderTest({ SPIKE_TEST_STORES: ' sqlite ,sqlite' })).toEqual(['sqlite']);
  });

  it('refuses an unknown store, naming the variable and the known stores', () => {
    expect(() => storesUnderTest({ SPIKE_TEST_STORES: 'sqlite,mysql' })).toThrow(/SPIKE_TEST_STORES names an unknown store "mysql"; the stores are: sqlite/);
  });
});
