import { StoreError } from '../errors.js';
import type { Store } from '../store.js';
import { openSqliteFile } from './connect.js';
import { sqliteStore } from './sqlite-store.js';

/**
 * Opens an existing, current store to read (reports, status, monitoring). It loads neither the schema nor
 * drizzle's query layer, which a command that only reads would spend a tenth of a second importing.
 */
export function openSqliteReadStore(path: string): Store {
  const writers = () => {
    throw new StoreError(`the store at ${path} was opened to read; nothing may be written through it`);
  };
  // A second connection to ':memory:' would open another, empty database.
  return sqliteStore(openSqliteFile(path, 'read'), writers, { readsTogether: path !== ':memory:' });
}
