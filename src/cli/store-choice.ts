import { Option, type Command } from 'commander';
import type { Config } from '../config.js';
import { postgresStore, type StoreConfig } from '../db/index.js';
import { ConfigError } from '../lib/errors.js';

/** `--db` and `--database-url`: the store a command works on, when not the configured one. */
export interface StoreChoice {
  db?: string;
  databaseUrl?: string;
}

/** Adds `--db` and `--database-url` to a command. */
export function withStoreOptions(command: Command, dbHelp = 'SQLite file (default SPIKE_DB_PATH)'): Command {
  return command
    .addOption(new Option('--db <path>', dbHelp).conflicts('databaseUrl'))
    .addOption(new Option('--database-url <url>', 'PostgreSQL store, postgres://user:password@host:5432/database (default DATABASE_URL)'));
}

/** The store named on the command line, else the configured one (DATABASE_URL, else SPIKE_DB_PATH). */
export function chosenStore(config: Pick<Config, 'store' | 'dbSchema'>, choice: StoreChoice): StoreConfig {
  if (choice.databaseUrl !== undefined) {
    if (!choice.databaseUrl.trim()) throw new ConfigError('--database-url', 'is empty');
    return postgresStore(choice.databaseUrl.trim(), '--database-url', config.dbSchema);
  }
  if (choice.db !== undefined) return { kind: 'sqlite', path: dbOption(choice.db) };
  return config.store;
}

/** The SQLite file `--db` names; an empty one is refused: SQLite would open a temporary database of its own, gone when the command ends. */
export function dbOption(db: string): string {
  if (!db.trim()) throw new ConfigError('--db', 'is empty');
  return db;
}
