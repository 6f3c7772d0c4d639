import { describe } from 'vitest';

/** Every store the project has; a test body run by `describeEachStore` runs on each of them. */
export const STORE_KINDS = ['sqlite'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Comma-separated store kinds to run the store-level tests on; unset or empty means all of them. */
export const STORES_ENV = 'SPIKE_TEST_STORES';

export function storesUnderTest(env: Record<string, string | undefined> = process.env): StoreKind[] {
  const listed = (env[STORES_ENV] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (listed.length === 0) return [...STORE_KINDS];
  for (const name of listed) {
    if (!(STORE_KINDS as readonly string[]).includes(name)) {
      throw new Error(`${STORES_ENV} names an unknown store "${name}"; the stores are: ${STORE_KINDS.join(', ')}`);
    }
  }
  return [...new Set(listed)] as StoreKind[];
}

/** Declares the same suite once per store under test; the body gets the store kind to start its harness with. */
export function describeEachStore(title: string, body: (store: StoreKind) => void): void {
  describe.each(storesUnderTest())(`${title} [%s]`, body);
}
