import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type pg from 'pg';
import { NoStoreError, StoreError } from '../errors.js';
import { compareMigrations, MIGRATIONS_TABLE, newerStoreMessage } from '../migration-check.js';
import { describeStore, type PostgresStoreConfig } from '../store-config.js';
import type { StoreMode } from '../store.js';
import { asStoreError, openPool } from './pool.js';


// Resolves from both src/db/postgres (tsx, tests) and dist/db/postgres (built CLI): the folder sits three levels up.
const MIGRATIONS = fileURLToPath(new URL('../../../migrations/postgres', import.meta.url));

/**
 * Opens the pool and makes sure the schema is one this build can use. `write` creates the schema and applies
 * pending migrations under an advisory lock, so several workers starting at once migrate it once; `read`
 * changes nothing and fails on a database spike-sync has never written, or one behind this build.
 */
export async function openPostgres(config: PostgresStoreConfig, mode: StoreMode): Promise<pg.Pool> {
  const pool = await openPool(config, mode);
  const where = describeStore(config);
  try {
    const client = await pool.connect();
    try {
      await prepareSchema(client, config, mode, where);
    } finally {
      client.release();
    }
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw asStoreError(err, where);
  }
}

async function prepareSchema(client: pg.PoolClient, config: PostgresStoreConfig, mode: StoreMode, where: string): Promise<void> {
  const shipped = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  if (mode === 'read') {
    const gap = compareMigrations(await appliedMigrations(client, config.schema), shipped);
    if (gap.newestApplied === null) {
      throw new NoStoreError(`no store at ${where}: nothing has been synced there yet (check ${config.source} and SPIKE_DB_SCHEMA, or run "spike-sync sync" first)`);
    }
    if (gap.unknown > 0) throw new StoreError(newerStoreMessage(gap, where, config.source));
    if (gap.pending > 0) throw new StoreError(`the store at ${where} is behind this version of spike-sync (${gap.pending} migration(s) pending); run "spike-sync migrate" first`);
    return;
  }
  // Two-key advisory lock: this schema's migrations, whoever else uses the database.
  const lock = [LOCK_NAMESPACE, `migrate:${config.schema}`];
  await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', lock);
  try {
    if (config.schema !== 'public') await client.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
    const gap = compareMigrations(await appliedMigrations(client, config.schema), shipped);
    if (gap.unknown > 0) throw new StoreError(newerStoreMessage(gap, where, config.source));
    if (gap.pending === 0) return;
    try {
      // Loaded only to migrate: a read-only command never needs drizzle's query layer.
      const [{ drizzle }, { migrate }] = await Promise.all([import('drizzle-orm/node-postgres'), import('drizzle-orm/node-postgres/migrator')]);
      await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS, migrationsSchema: config.schema, migrationsTable: MIGRATIONS_TABLE });
    } catch (err) {
      throw new StoreError(`the store at ${where} could not be migrated: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`, { cause: err });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', lock);
  }
}

/** The first key of every advisory lock spike-sync takes, so its locks never collide with another application's. */
export const LOCK_NAMESPACE = 'spike-sync';

async function appliedMigrations(client: pg.PoolClient, schema: string): Promise<(number | string)[]> {
  const table = await client.query<{ found: string | null }>('SELECT to_regclass($1) AS found', [`"${schema}"."${MIGRATIONS_TABLE}"`]);
  if (table.rows[0]?.found == null) return [];
  const rows = await client.query<{ at: number | string }>(`SELECT created_at AS at FROM "${schema}"."${MIGRATIONS_TABLE}"`);
  return rows.rows.map((r) => r.at);
}
