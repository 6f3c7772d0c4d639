import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createStoreUnderTest, type StoreUnderTest } from './store-under-test.js';
import type { StoreKind } from './stores.js';
import { useTempDir } from './tmp.js';

/** Empty stores of either kind for CLI runs to sync into, each in a folder of its own, dropped after each test. */
export function useCliStores(): (kind: StoreKind, name?: string) => StoreUnderTest {
  const tempDir = useTempDir();
  const stores: StoreUnderTest[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.dispose();
  });
  return (kind, name = `store-${stores.length}`) => {
    const dir = join(tempDir(), name);
    mkdirSync(dir);
    const store = createStoreUnderTest(kind, dir);
    stores.push(store);
    return store;
  };
}
