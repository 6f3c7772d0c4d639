import type pg from 'pg';
import type { PostgresStoreConfig } from '../store-config.js';
import type { Store, StoreMode } from '../store.js';
import { createPgEntityWriter } from './entity-writer.js';
import { openPostgres } from './open.js';
import { postgresStore } from './postgres-store.js';
import { entityTables } from './schema.js';

/** Opens the PostgreSQL store to write: the schema created and migrated if needed. (To read, see read-store.ts.) */
export async function openPostgresStore(config: PostgresStoreConfig, options: { mode?: StoreMode } = {}): Promise<Store> {
  const pool = await openPostgres(config, options.mode ?? 'write');
  return createPostgresStore(pool, config);
}

/** The store port over a pool, with its entity writers. */
export function createPostgresStore(pool: pg.Pool, config: PostgresStoreConfig): Store {
  return postgresStore(pool, config, (name) => createPgEntityWriter(entityTables[name]));
}
