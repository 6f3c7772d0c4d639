import type Database from 'better-sqlite3';
import type { SqlDialect } from './dialect.js';
import { sqliteDialect } from './dialect.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/**
 * Read-only SQL for reports: text written once against `dialect`, with `@name` parameters. Rows come
 * back with numbers as numbers and timestamps as ISO-8601 text, whichever store answers.
 */
export interface SqlReader {
  readonly dialect: SqlDialect;
  all<Row extends object = SqlRow>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
}

/** SQLite already stores timestamps as ISO text and returns integers as numbers: rows need no conversion. */
export function createSqliteReader(sqlite: Database.Database): SqlReader {
  return {
    dialect: sqliteDialect,
    all: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => sqlite.prepare(sql).all(params) as Row[],
  };
}
