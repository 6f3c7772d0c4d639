import type { SqlReader, SqlRow } from './sql-reader.js';

/**
 * What the store's own statements (src/db/statements) run on: the reader plus writes, with `@name`
 * parameters and the store's dialect. Each store provides one over its connection; a statement written
 * against it serves both databases. Its results are small: only reports read in batches.
 */
export interface SqlExecutor extends Omit<SqlReader, 'batches'> {
  /** Runs a write; `changes` is the number of rows it inserted, updated or deleted. */
  run(sql: string, params?: Record<string, unknown>): Promise<{ changes: number }>;
  /** The first row, or undefined. */
  one<Row extends object = SqlRow>(sql: string, params?: Record<string, unknown>): Promise<Row | undefined>;
}

/** One statement with its `@name` parameters: run on an executor, or written as part of a larger statement. */
export interface SqlStatement {
  sql: string;
  params: Record<string, unknown>;
}
