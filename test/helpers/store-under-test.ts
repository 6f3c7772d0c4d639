import { join } from 'node:path';
import { openStore, type Store, type StoreMode } from '../../src/db/index.js';
import { createSqliteStore, openSqlite, type SqliteHandle } from '../../src/db/sqlite/index.js';
import type { StoreKind } from './stores.js';

/** One store a harness syncs into and reads from, whatever the database behind it. */
export interface StoreUnderTest {
  readonly kind: StoreKind;
  /** Where the store is: a SQLite file path today. */
  readonly location: string;
  /** The environment the CLI needs to find this store. */
  readonly env: Record<string, string>;
  open(mode: StoreMode): Promise<Store>;
  /** The store a sync writes through; `prepare` sees SQLite's own connection first (SQLite only). */
  openForSync(prepare?: (handle: SqliteHandle) => void): Promise<Store>;
  /** SQLite's own connection, for tests about SQLite itself; other stores throw. */
  sqliteFile(): SqliteHandle;
}

/** The one place a new store kind is added: how to make an empty one for a test. */
const makers: Record<StoreKind, (dir: string) => StoreUnderTest> = {
  sqlite: sqliteUnderTest,
};

export function createStoreUnderTest(kind: StoreKind, dir: string): StoreUnderTest {
  return makers[kind](dir);
}

function sqliteUnderTest(dir: string): StoreUnderTest {
  const location = join(dir, 'spike.db');
  return {
    kind: 'sqlite',
    location,
    env: { SPIKE_DB_PATH: location },
    open: (mode) => openStore(location, { mode }),
    async openForSync(prepare) {
      const handle = openSqlite(location);
      prepare?.(handle);
      return createSqliteStore(handle);
    },
    sqliteFile: () => openSqlite(location),
  };
}
