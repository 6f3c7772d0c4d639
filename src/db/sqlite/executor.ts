import type Database from 'better-sqlite3';
import { batchesOf } from '../row-batches.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { SqlReader } from '../sql-reader.js';
import { sqliteDialect } from './dialect.js';

/** The executor of a SQLite connection, which also reads a statement's rows in batches through the driver's cursor. */
export type SqliteExecutor = SqlExecutor & Pick<SqlReader, 'batches'>;

/**
 * The store's SQL over one better-sqlite3 connection, synchronous underneath; the adapter serialises calls.
 * While a statement is read in batches the connection runs nothing else (the driver refuses): the store holds its
 * queue for the whole reading (see heldBatches).
 * SQLite already stores timestamps as ISO text and returns integers as numbers: rows need no conversion.
 * Statements are prepared once per text; flags are bound as 0 and 1, which is how SQLite stores them.
 */
export function createSqliteExecutor(sqlite: Database.Database): SqliteExecutor {
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) prepared.set(sql, (found = sqlite.prepare(sql)));
    return found;
  };
  const all = async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => statement(sql).all(bindable(params)) as Row[];
  return {
    dialect: sqliteDialect,
    all,
    one: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => statement(sql).get(bindable(params)) as Row | undefined,
    run: async (sql, params = {}) => ({ changes: statement(sql).run(bindable(params)).changes }),
    batches: <Row extends object>(sql: string, params: Record<string, unknown> = {}, size?: number) =>
      batchesOf(() => statement(sql).iterate(bindable(params)) as IterableIterator<Row>, size),
  };
}

/** Parameters as SQLite binds them: undefined as null, flags as 0 and 1. */
export function bindable(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[key] = value === undefined ? null : typeof value === 'boolean' ? Number(value) : value;
  return out;
}
