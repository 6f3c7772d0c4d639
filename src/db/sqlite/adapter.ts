import type { Store, StoreMode } from '../store.js';
import type { SqliteHandle } from './connect.js';
import { openSqlite } from './open.js';
import { createEntityWriter } from './repositories/entity-writer.js';
import { entityTables } from './schema.js';
import { sqliteStore } from './sqlite-store.js';

/** Opens the store at `path` to write: created and migrated if needed. (To read, see read-store.ts.) */
export async function openSqliteStore(path: string, options: { mode?: StoreMode } = {}): Promise<Store> {
  return createSqliteStore(openSqlite(path, options));
}

/** The store port over an open SQLite file, with its entity writers. */
export function createSqliteStore(handle: SqliteHandle): Store {
  return sqliteStore(handle, (sqlite, name) => createEntityWriter(sqlite, entityTables[name]));
}
