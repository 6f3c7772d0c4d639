import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { StoreError } from '../errors.js';
import { buildDeferredIndexes } from './deferred-indexes.js';
import { MIGRATIONS, openSqliteFile, type SqliteHandle, type StoreMode } from './connect.js';
import * as schema from './schema.js';
import { TITLE_KEY_FUNCTION, titleKey } from '../title-key.js';

export type { SqliteHandle, StoreMode };

/** Opens the SQLite file at `path` (by default to write: created if needed, pending migrations applied). */
export function openSqlite(path: string, options: { mode?: StoreMode } = {}): SqliteHandle {
  return openSqliteFile(path, options.mode ?? 'write', applyMigrations);
}

function applyMigrations(sqlite: Database.Database, path: string): void {
  try {
    // Migration 0011 fills title_key for stored rows with the writer's own function.
    sqlite.function(TITLE_KEY_FUNCTION, { deterministic: true }, (title: unknown) => titleKey(String(title)));
    // A migration may alter an index a first backfill set aside: it finds them all, as its predecessors left them.
    buildDeferredIndexes(sqlite);
    migrate(drizzle({ client: sqlite, schema }), { migrationsFolder: MIGRATIONS });
  } catch (err) {
    sqlite.close();
    throw new StoreError(`the store at ${path} could not be migrated`, { cause: err });
  }
}
