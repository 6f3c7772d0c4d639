import { describe, inject } from 'vitest';

/** Every store the project has; a test body run by `describeEachStore` runs on each of them. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** Comma-separated store kinds to run the store-level tests on; unset or empty means all of them. */
export const STORES_ENV = 'SPIKE_TEST_STORES';

/**
 * The stores to run store-level tests on: those SPIKE_TEST_STORES names, else all. PostgreSQL is left out
 * when the test server does not answer outside CI (the global setup said so, loudly, once).
 */
export function storesUnderTest(env: Record<string, string | undefined> = process.env, postgresUnavailable = postgresMissing()): StoreKind[] {
  const listed = (env[STORES_ENV] ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  for (const name of listed) {
    if (!(STORE_KINDS as readonly string[]).includes(name)) {
      throw new Error(`${STORES_ENV} names an unknown store "${name}"; the stores are: ${STORE_KINDS.join(', ')}`);
    }
  }
  const wanted = listed.length === 0 ? [...STORE_KINDS] : ([...new Set(listed)] as StoreKind[]);
  return postgresUnavailable ? wanted.filter((kind) => kind !== 'postgres') : wanted;
}

function postgresMissing(): boolean {
  try {
    return inject('postgresUnavailable') !== null;
  } catch {
    // Outside a vitest worker (no global setup): assume the server is there and let a test say otherwise.
    return false;
  }
}

/** Whether the PostgreSQL tests run in this test run. */
export function postgresUnderTest(): boolean {
  return storesUnderTest().includes('postgres');
}

/** Declares the same suite once per store under test; the body gets the store kind to start its harness with. */
export function describeEachStore(title: string, body: (store: StoreKind) => void): void {
  const kinds = storesUnderTest();
  if (kinds.length === 0) describe.skip(title, () => undefined);
  else describe.each(kinds)(`${title} [%s]`, body);
}
