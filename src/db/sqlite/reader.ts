import type Database from 'better-sqlite3';
import type { SqlReader } from '../sql-reader.js';
import { sqliteDialect } from './dialect.js';

/** SQLite already stores timestamps as ISO text and returns integers as numbers: rows need no conversion. */
export function createSqliteReader(sqlite: Database.Database): SqlReader {
  return {
    dialect: sqliteDialect,
    all: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => sqlite.prepare(sql).all(params) as Row[],
  };
}
