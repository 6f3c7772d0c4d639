import type { SqlDialect, SqlRow, Store } from '../../src/db/index.js';

type Params = Record<string, unknown>;

/**
 * Assertions read through the store port's SQL reader, so a test body runs unchanged on every store.
 * SQL uses `@name` parameters and only what every store accepts; `dialect()` gives the fragments that differ.
 */
export interface StoreReads {
  query<Row extends object = SqlRow>(sql: string, params?: Params): Promise<Row[]>;
  /** The first row, or undefined. */
  one<Row extends object = SqlRow>(sql: string, params?: Params): Promise<Row | undefined>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(sql: string, params?: Params): Promise<T | undefined>;
  /** Rows of `table`, optionally filtered by a `where` condition with `@name` parameters. */
  count(table: string, where?: string, params?: Params): Promise<number>;
  dialect(): Promise<SqlDialect>;
}

/**
 * Reads through a store opened on first use (a read-mode store refuses a location with nothing synced yet),
 * kept open until `close()`.
 */
export function createStoreReads(open: () => Promise<Store>): StoreReads & { close(): Promise<void> } {
  let opened: Promise<Store> | undefined;
  const store = (): Promise<Store> => {
    // A failed open is not kept: the next read tries again, e.g. after the first sync created the store.
    opened ??= open().catch((err: unknown) => {
      opened = undefined;
      throw err;
    });
    return opened;
  };
  const query = async <Row extends object = SqlRow>(sql: string, params: Params = {}) => (await store()).reader.all<Row>(sql, params);
  const one = async <Row extends object = SqlRow>(sql: string, params: Params = {}) => (await query<Row>(sql, params))[0];
  return {
    query,
    one,
    async value<T = unknown>(sql: string, params: Params = {}) {
      const row = await one(sql, params);
      return row === undefined ? undefined : (Object.values(row)[0] as T);
    },
    async count(table, where, params = {}) {
      const row = await one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`, params);
      return Number(row?.n);
    },
    dialect: async () => (await store()).reader.dialect,
    async close() {
      const pending = opened;
      opened = undefined;
      if (pending) await (await pending.catch(() => undefined))?.close();
    },
  };
}
