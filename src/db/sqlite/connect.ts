import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { NoStoreError, StoreError } from '../errors.js';
import { compareMigrations, MIGRATIONS_TABLE, newerStoreMessage, type MigrationGap } from '../migration-check.js';
import { createSqliteExecutor, type SqliteExecutor } from './executor.js';

/** An open SQLite file: the store's adapter builds on it, and tests inspect the file through it. */
export interface SqliteHandle {
  readonly path: string;
  readonly sqlite: Database.Database;
  /** The store's SQL on this connection, synchronous underneath. */
  readonly sql: SqliteExecutor;
  close(): void;
}

import type { StoreMode } from '../store.js';
export type { StoreMode };


// Resolves from both src/db/sqlite (tsx, tests) and dist/db/sqlite (built CLI): the folder sits three levels up.
export const MIGRATIONS = fileURLToPath(new URL('../../../migrations/sqlite', import.meta.url));

/**
 * WAL pages between automatic checkpoints (SQLite's default: 1,000, about 4 MB). A page of incidents touches pages
 * all over eight indexes, and a checkpoint copies each of them back into the file: the fewer checkpoints, the more
 * often one copy serves many commits. The incident stream of a cold sync of 100,000 incidents, six runs each, alternating:
 * a median of 6.0 s with the default, 5.5 s with 10,000. The -wal file keeps the size it reached, about 40 MB.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Opens the SQLite file at `path` in the given mode, after checking that its schema is one this build can use.
 * `migrate` applies pending migrations in `write` mode; it comes from open.ts, so opening to read never loads
 * drizzle's query layer or the schema.
 */
export function openSqliteFile(path: string, mode: StoreMode, migrate?: (sqlite: Database.Database, path: string) => void): SqliteHandle {
  const sqlite = connect(path, mode);
  // Checked before anything is written, the switch to WAL included: a newer store is left exactly as it was.
  const shipped = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  const gap = checkVersion(sqlite, path, shipped);
  try {
    sqlite.pragma('busy_timeout = 5000');
    if (mode === 'write') {
      sqlite.pragma('journal_mode = WAL');
      // WAL with NORMAL keeps every committed transaction across a process crash; only an OS crash may lose the last ones.
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
    }
  } catch (err) {
    sqlite.close();
    throw new StoreError(`the store at ${path} is not usable`, { cause: err });
  }
  if (mode === 'read' && gap.pending > 0) {
    sqlite.close();
    throw new StoreError(`the store at ${path} is behind this version of spike-sync (${gap.pending} migration(s) pending); run "spike-sync migrate --db ${path}" first`);
  }
  if (mode === 'write' && gap.pending > 0) {
    if (!migrate) throw new StoreError(`the store at ${path} has ${gap.pending} migration(s) pending and was opened without them`);
    migrate(sqlite, path);
  }
  return { path, sqlite, sql: createSqliteExecutor(sqlite), close: () => sqlite.close() };
}

function connect(path: string, mode: StoreMode): Database.Database {
  const inMemory = path === ':memory:';
  if (!inMemory && mode === 'read' && !existsSync(path)) {
    throw new NoStoreError(`no store at ${path}: nothing has been synced there yet (check SPIKE_DB_PATH or --db, or run "spike-sync sync" first)`);
  }
  try {
    if (!inMemory && mode === 'write') {
      mkdirSync(dirname(path), { recursive: true });
      assertWritable(path);
    }
    return new Database(path, { readonly: mode === 'read', fileMustExist: mode === 'read' });
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw new StoreError(`cannot open the store at ${path}`, { cause: err });
  }
}

/**
 * SQLite opens a file it may not write read-only without a word, and the first write fails much later
 * with no path in the message; asking the file system first gives one clear line instead.
 */
function assertWritable(path: string): void {
  const target = existsSync(path) ? path : dirname(path);
  try {
    accessSync(target, constants.W_OK);
    if (target === path) accessSync(dirname(path), constants.W_OK);
  } catch {
    throw new StoreError(`the store at ${path} is read-only: this process may not write ${target} (a sync needs to write the file and create its -wal and -shm files beside it)`);
  }
}

/**
 * To read a store in WAL mode, SQLite shares the readers' state in a -shm file beside it, which the last connection
 * removes on closing: with no writer open, a reader must create it, and in a folder it may not write it cannot.
 */
function unwritableFolderMessage(path: string): string {
  return `the store at ${path} cannot be read from a folder this process may not write: SQLite creates ${path}-shm beside a store to read it. Let this user write ${dirname(path)} (the file itself may stay read-only)`;
}

function checkVersion(sqlite: Database.Database, path: string, shipped: Parameters<typeof compareMigrations>[1]): MigrationGap {
  let gap: MigrationGap;
  try {
    gap = compareMigrations(appliedMigrations(sqlite), shipped);
  } catch (err) {
    sqlite.close();
    if ((err as { code?: unknown }).code === 'SQLITE_READONLY_DIRECTORY') throw new StoreError(unwritableFolderMessage(path), { cause: err });
    throw new StoreError(`the store at ${path} is not usable`, { cause: err });
  }
  if (gap.unknown > 0) {
    sqlite.close();
    throw new StoreError(newerStoreMessage(gap, path, 'SPIKE_DB_PATH'));
  }
  return gap;
}

function appliedMigrations(sqlite: Database.Database): (number | string)[] {
  if (!hasTable(sqlite, MIGRATIONS_TABLE)) return [];
  return (sqlite.prepare(`SELECT created_at AS at FROM "${MIGRATIONS_TABLE}"`).all() as { at: number | string }[]).map((r) => r.at);
}

/** Whether the store has a table of this name. */
export function hasTable(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}
