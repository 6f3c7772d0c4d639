import { describe, expect, it } from 'vitest';
import { STORE_KINDS, storesUnderTest } from '../helpers/stores.js';

describe('storesUnderTest', () => {
  it('runs on every store the project has when SPIKE_TEST_STORES is unset or blank', () => {
    expect(storesUnderTest({}, false)).toEqual(['sqlite', 'postgres']);
    expect(storesUnderTest({ SPIKE_TEST_STORES: ' , ' }, false)).toEqual([...STORE_KINDS]);
  });

  it('runs on the listed stores, trimmed and once each', () => {
    expect(storesUnderTest({ SPIKE_TEST_STORES: ' sqlite ,sqlite' }, false)).toEqual(['sqlite']);
    expect(storesUnderTest({ SPIKE_TEST_STORES: 'postgres' }, false)).toEqual(['postgres']);
  });

  it('leaves PostgreSQL out when its test server does not answer (outside CI)', () => {
    expect(storesUnderTest({}, true)).toEqual(['sqlite']);
    expect(storesUnderTest({ SPIKE_TEST_STORES: 'postgres' }, true)).toEqual([]);
  });

  it('refuses an unknown store, naming the variable and the known stores', () => {
    expect(() => storesUnderTest({ SPIKE_TEST_STORES: 'sqlite,mysql' }, false)).toThrow(/SPIKE_TEST_STORES names an unknown store "mysql"; the stores are: sqlite, postgres/);
  });
});
