import type { QueryConfig, QueryResult, QueryResultRow } from 'pg';
import type { SqlExecutor, SqlStatement } from '../sql-executor.js';
import { postgresDialect } from './dialect.js';

/** Anything that runs one statement: the pool, or the client of an open transaction. */
export interface PgQueryable {
  query<Row extends QueryResultRow>(text: string | QueryConfig, values?: unknown[]): Promise<QueryResult<Row>>;
}

interface Compiled {
  text: string;
  names: string[];
}

// In order: a quoted string, a quoted identifier, a line or block comment (all kept as they are), or a parameter.
const TOKEN = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|(?<![:@\w])@([A-Za-z_]\w*)/g;

/**
 * The store's SQL on PostgreSQL: `@name` parameters become `$n` (one per distinct name). Statements run
 * unnamed, so PostgreSQL plans each with its values instead of caching a generic plan made while a table
 * was small. Errors are the caller's to wrap.
 */
export function createPgExecutor(db: PgQueryable): SqlExecutor {
  const query = async <Row extends object>(sql: string, params: Record<string, unknown>) => {
    const { text, values } = bindStatement({ sql, params });
    return db.query<Row & QueryResultRow>(text, values);
  };
  return {
    dialect: postgresDialect,
    all: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => (await query<Row>(sql, params)).rows as Row[],
    one: async <Row extends object>(sql: string, params: Record<string, unknown> = {}) => (await query<Row>(sql, params)).rows[0] as Row | undefined,
    run: async (sql, params = {}) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
  };
}

/**
 * A statement as PostgreSQL takes it: its `@name` parameters numbered from `$first` on (the parameters before are
 * another part's of the same statement), and their values in that order.
 */
export function bindStatement(statement: SqlStatement, first = 1): { text: string; values: unknown[] } {
  const { text, names } = compile(statement.sql, first);
  const values = names.map((name) => {
    if (!(name in statement.params)) throw new Error(`the statement needs a value for @${name}`);
    const value = statement.params[name];
    return value === undefined ? null : value;
  });
  return { text, values };
}

const compiled = new Map<string, Compiled>();

export function compile(sql: string, first = 1): Compiled {
  const key = first === 1 ? sql : `${first}:${sql}`;
  let found = compiled.get(key);
  if (!found) {
    const names: string[] = [];
    const text = sql.replace(TOKEN, (token: string, name: string | undefined) => {
      if (name === undefined) return token;
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      return `$${first + index}`;
    });
    // Statement texts are few (the store's own and the reports'); the bound only guards against a caller that builds many.
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(key, (found = { text, names }));
  }
  return found;
}
