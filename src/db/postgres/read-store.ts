import { StoreError } from '../errors.js';
import { describeStore, type PostgresStoreConfig } from '../store-config.js';
import type { Store } from '../store.js';
import { openPostgres } from './open.js';
import { postgresStore } from './postgres-store.js';

/** Opens an existing, current store to read (reports, status, monitoring), without loading the schema's table definitions. */
export async function openPostgresReadStore(config: PostgresStoreConfig): Promise<Store> {
  const pool = await openPostgres(config, 'read');
  return postgresStore(pool, config, () => {
    throw new StoreError(`the store at ${describeStore(config)} was opened to read; nothing may be written through it`);
  });
}
