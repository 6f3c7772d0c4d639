import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { SpikeSyncError } from '../lib/errors.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Store {
  readonly path: string;
  readonly sqlite: Database.Database;
  readonly db: Db;
  close(): void;
}

/** The store cannot be opened, migrated or written. Fatal: exit 1. */
export class StoreError extends SpikeSyncError {}

// Resolves from both src/db (tsx, tests) and dist/db (built CLI): the folder sits two levels up.
const MIGRATIONS = fileURLToPath(new URL('../../migrations/sqlite', import.meta.url));

/** Opens (creating if needed) the SQLite file, switches it to WAL and applies pending migrations. */
export function openStore(path: string, options: { readonly?: boolean } = {}): Store {
  let sqlite: Database.Database;
  try {
    if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    sqlite = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (err) {
    throw new StoreError(`cannot open the store at ${path}`, { cause: err });
  }
  try {
    sqlite.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      // WAL with NORMAL keeps every committed transaction across a process crash; only an OS crash may lose the last ones.
      sqlite.pragma('synchronous = NORMAL');
    }
    const db = drizzle({ client: sqlite, schema });
    if (!options.readonly) migrate(db, { migrationsFolder: MIGRATIONS });
    return { path, sqlite, db, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw new StoreError(`the store at ${path} is not usable`, { cause: err });
  }
}
