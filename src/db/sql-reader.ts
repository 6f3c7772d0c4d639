import type { SqlDialect } from './dialect.js';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** Rows a batch holds unless the caller asks for another size: small enough to stay in the young generation. */
export const ROWS_PER_BATCH = 1000;

/**
 * Read-only SQL for reports: text written once against `dialect`, with `@name` parameters. Rows come
 * back with numbers as numbers and timestamps as ISO-8601 text, whichever store answers. Statements asked
 * for together may run at once, each on its own connection (PostgreSQL's pool; a SQLite store opened to read
 * adds one on a worker thread), and each reads the store as of its own start.
 */
export interface SqlReader {
  readonly dialect: SqlDialect;
  all<Row extends object = SqlRow>(sql: string, params?: Record<string, unknown>): Promise<Row[]>;
  /**
   * The rows of one statement, in order, in batches of at most `size` read as the caller asks for the next: a result
   * of any length holds one batch in memory. The statement keeps a connection, and the snapshot it reads, until the
   * caller has read the last batch or stopped (a `break` or a throw out of `for await`). The caller must not wait
   * meanwhile on another statement of a SQLite store opened to write, whose one connection it holds: that statement
   * would wait forever. A store opened to read answers it on another connection (SQLite's worker, PostgreSQL's pool,
   * once one of its turns is free).
   */
  batches<Row extends object = SqlRow>(sql: string, params?: Record<string, unknown>, size?: number): AsyncIterable<Row[]>;
}
