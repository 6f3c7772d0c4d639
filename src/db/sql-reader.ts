import type { SqlDialect } from './dialect.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/**
 * Read-only SQL for reports: text written once against `dialect`, with `@name` parameters. Rows come
 * back with numbers as numbers and timestamps as ISO-8601 text, whichever store answers. Statements asked
 * for together may run at once, each on its own connection (PostgreSQL's pool; a SQLite store opened to read
 * adds one on a worker thread), and each reads the store as of its own start.
 */
export interface SqlReader {
  readonly dialect: SqlDialect;
  all<Row extends object = SqlRow>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
}
