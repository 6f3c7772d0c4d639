import { join } from 'node:path';
import { openStore, postgresStore, type Store, type StoreConfig, type StoreMode } from '../../src/db/index.js';
import { createSqliteStore, openSqlite, type SqliteHandle } from '../../src/db/sqlite/index.js';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName } from './postgres.js';
import type { StoreKind } from './stores.js';

/** One store a harness syncs into and reads from, whatever the database behind it. */
export interface StoreUnderTest {
  readonly kind: StoreKind;
  readonly config: StoreConfig;
  /** Where the store is: a SQLite file path, or the PostgreSQL URL and schema. */
  readonly location: string;
  /** The environment the CLI needs to find this store. */
  readonly env: Record<string, string>;
  /** The command-line options that name this store explicitly (`--db …` or `--database-url …`). */
  readonly args: string[];
  open(mode: StoreMode): Promise<Store>;
  /** The store a sync writes through; `prepare` sees SQLite's own connection first (SQLite only). */
  openForSync(prepare?: (handle: SqliteHandle) => void): Promise<Store>;
  /** SQLite's own connection, for tests about SQLite itself; other stores throw. */
  sqliteFile(): SqliteHandle;
  /** Removes what the store left behind that a temporary folder does not (a PostgreSQL schema). */
  dispose(): Promise<void>;
}

/** The one place a new store kind is added: how to make an empty one for a test. */
const makers: Record<StoreKind, (dir: string) => StoreUnderTest> = {
  sqlite: sqliteUnderTest,
  postgres: postgresUnderTest,
};

export function createStoreUnderTest(kind: StoreKind, dir: string): StoreUnderTest {
  return makers[kind](dir);
}

function sqliteUnderTest(dir: string): StoreUnderTest {
  const location = join(dir, 'spike.db');
  const config: StoreConfig = { kind: 'sqlite', path: location };
  return {
    kind: 'sqlite',
    config,
    location,
    env: { SPIKE_DB_PATH: location },
    args: ['--db', location],
    open: (mode) => openStore(config, { mode }),
    async openForSync(prepare) {
      const handle = openSqlite(location);
      prepare?.(handle);
      return createSqliteStore(handle);
    },
    sqliteFile: () => openSqlite(location),
    dispose: async () => undefined,
  };
}

/** A schema of its own in the test database, dropped by `dispose`. */
function postgresUnderTest(): StoreUnderTest {
  const schema = freshSchemaName();
  const config = postgresStore(TEST_DATABASE_URL, 'DATABASE_URL', schema);
  return {
    kind: 'postgres',
    config,
    location: `${TEST_DATABASE_URL} (schema ${schema})`,
    env: { DATABASE_URL: TEST_DATABASE_URL, SPIKE_DB_SCHEMA: schema },
    args: ['--database-url', TEST_DATABASE_URL],
    open: (mode) => openStore(config, { mode }),
    async openForSync(prepare) {
      if (prepare) throw new Error('prepareStore reaches SQLite\'s own connection; this test is for SQLite only');
      return openStore(config);
    },
    sqliteFile: () => {
      throw new Error('sqliteFile() is SQLite\'s own connection; this test is for SQLite only');
    },
    dispose: () => dropSchema(schema),
  };
}
