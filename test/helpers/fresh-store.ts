import { afterEach } from 'vitest';
import type { Store } from '../../src/db/index.js';
import { createStoreUnderTest, type StoreUnderTest } from './store-under-test.js';
import type { StoreKind } from './stores.js';
import { useTempDir } from './tmp.js';

/**
 * Opens an empty store of `kind` to write, built by the real migrations, for the test that asks; closed and removed
 * after each test. Call at the top of a file or describe block.
 */
export function useFreshStore(): (kind: StoreKind) => Promise<Store> {
  const tempDir = useTempDir();
  const opened: { target: StoreUnderTest; store: Store }[] = [];
  // Registered after the temporary directory's hook, so it runs first: the store closes before its folder goes.
  afterEach(async () => {
    for (const { target, store } of opened.splice(0)) {
      await store.close();
      await target.dispose();
    }
  });
  return async (kind) => {
    const target = createStoreUnderTest(kind, tempDir());
    const store = await target.open('write');
    opened.push({ target, store });
    return store;
  };
}
