import { ConfigError } from '../lib/errors.js';

/** A PostgreSQL database, and the schema in it, named by a URL. */
export interface PostgresStoreConfig {
  readonly kind: 'postgres';
  readonly url: string;
  /** The schema holding every table and view (SPIKE_DB_SCHEMA, default `public`). */
  readonly schema: string;
  /** Where the URL came from (`DATABASE_URL` or `--database-url`), named in every error about it. */
  readonly source: string;
}

/** Which store a command opens: a SQLite file, or a PostgreSQL database. */
export type StoreConfig = { readonly kind: 'sqlite'; readonly path: string } | PostgresStoreConfig;

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * A PostgreSQL store from a URL, checked before anything connects: the scheme, a host, a schema name that is
 * a plain identifier. Errors name `source` and never print the password.
 */
export function postgresStore(url: string, source: string, schema = 'public'): PostgresStoreConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(source, 'is not a URL; expected postgres://user:password@host:5432/database');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConfigError(source, `must be a postgres:// or postgresql:// URL, not ${JSON.stringify(parsed.protocol.slice(0, 20))}: ${maskPassword(url)}`);
  }
  checkSchemaName(schema);
  return { kind: 'postgres', url, schema, source };
}

/** The schema name goes into statements as an identifier: only a plain one is accepted. */
export function checkSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    throw new ConfigError('SPIKE_DB_SCHEMA', 'must be a plain schema name: letters, digits and underscores, not starting with a digit, at most 63 characters');
  }
  // PostgreSQL's own catalogues: tables written there would be mistaken for the system's.
  if (/^pg_/i.test(schema) || schema.toLowerCase() === 'information_schema') {
    throw new ConfigError('SPIKE_DB_SCHEMA', `"${schema}" is one of PostgreSQL's system schemas; choose another name`);
  }
}

/** The URL with its password replaced by `***`, safe to print and log. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // A password may also arrive as a query parameter.
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return '(an unparseable URL)';
  }
}

/** Where a store is, for messages: its path, or its URL without the password (and its schema when not public). */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return config.path;
  const where = maskPassword(config.url);
  return config.schema === 'public' ? where : `${where} (schema ${config.schema})`;
}
