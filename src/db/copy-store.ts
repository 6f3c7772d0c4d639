import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { StoreError } from './errors.js';
import { storable } from './postgres/entity-writer.js';
import { openPostgres } from './postgres/open.js';
import { asStoreError } from './postgres/pool.js';
import * as pgSchema from './postgres/schema.js';
import { openSqlite } from './sqlite/open.js';
import { describeStore, type PostgresStoreConfig } from './store-config.js';

/** Every table a store holds, in copy order; sync_lock is SQLite's own and not copied. */
const TABLES: readonly PgTable[] = [
  ...Object.values(pgSchema.entityTables),
  pgSchema.incidentActivityReads,
  pgSchema.syncState,
  pgSchema.syncRuns,
  pgSchema.syncRunStreams,
];

const BATCH_ROWS = 1000;

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
}

export interface CopyOutcome {
  tables: { table: string; rows: number }[];
}

/**
 * Copies a SQLite store into a PostgreSQL one: every row of every table, soft-deleted ones, the run ledger
 * and the checkpoints included, so the next sync continues where the SQLite store left off. The source is
 * read in one read transaction (a consistent snapshot, even while a sync writes it); the target is written
 * in one transaction (a failed copy leaves nothing behind) and row counts are compared before it commits.
 * A target that already holds rows is refused unless `force`, which replaces everything it holds (its ledger
 * included: two ledgers cannot be merged without renumbering one).
 */
export async function copyStore(
  sourcePath: string,
  target: PostgresStoreConfig,
  options: { force: boolean; onProgress?: (progress: CopyProgress) => void },
): Promise<CopyOutcome> {
  const source = openSqlite(sourcePath, { mode: 'read' });
  const where = describeStore(target);
  let pool: pg.Pool | null = null;
  try {
    pool = await openPostgres(target, 'write');
    const client = await pool.connect().catch((err: unknown) => {
      throw asStoreError(err, where);
    });
    try {
      source.sqlite.exec('BEGIN');
      await client.query('BEGIN');
      if (options.force) await client.query(`TRUNCATE ${TABLES.map(getTableName).join(', ')}`);
      else await refuseNonEmpty(client, where);
      const tables: CopyOutcome['tables'] = [];
      for (const table of TABLES) tables.push(await copyTable(source.sqlite, client, table, where, options.onProgress));
      await restartIdentities(client);
      await verifyCounts(client, tables, where);
      await client.query('COMMIT');
      return { tables };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw asStoreError(err, where);
    } finally {
      client.release();
      if (source.sqlite.inTransaction) source.sqlite.exec('COMMIT');
    }
  } finally {
    source.close();
    await pool?.end();
  }
}

async function refuseNonEmpty(client: pg.PoolClient, where: string): Promise<void> {
  for (const table of TABLES) {
    const name = getTableName(table);
    const found = await client.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if ((found.rowCount ?? 0) > 0) {
      throw new StoreError(`the store at ${where} already holds data (table ${name}); copy-store fills an empty store: pass --force to replace everything in it, or use another SPIKE_DB_SCHEMA`);
    }
  }
}

async function copyTable(
  sqlite: ReturnType<typeof openSqlite>['sqlite'],
  client: pg.PoolClient,
  table: PgTable,
  where: string,
  onProgress?: (progress: CopyProgress) => void,
): Promise<{ table: string; rows: number }> {
  const name = getTableName(table);
  const columns = Object.values(getTableColumns(table)).map((c) => ({ name: c.name, type: c.getSQLType() }));
  const names = columns.map((c) => c.name);
  const total = Number((sqlite.prepare(`SELECT COUNT(*) AS n FROM ${name}`).get() as { n: number }).n);
  // Quoted: `full` is a reserved word in PostgreSQL.
  const quoted = (n: string) => `"${n}"`;
  // Keyset pagination on rowid: every row once, in a bounded batch, whatever the table's key.
  const read = sqlite.prepare(`SELECT rowid AS _rowid, ${names.map(quoted).join(', ')} FROM ${name} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH_ROWS}`);
  let after = 0;
  let copied = 0;
  for (;;) {
    const rows = read.all(after) as Record<string, unknown>[];
    if (rows.length === 0) break;
    const values: unknown[] = [];
    const tuples = rows.map((row, r) => {
      for (const c of columns) values.push(convert(row[c.name], c.type, c.name === 'raw'));
      return `(${columns.map((_, i) => `$${r * columns.length + i + 1}`).join(', ')})`;
    });
    try {
      await client.query(`INSERT INTO ${name} (${names.map(quoted).join(', ')}) VALUES ${tuples.join(', ')}`, values);
    } catch (err) {
      throw new StoreError(`copying ${name} into ${where} failed at SQLite rows ${after + 1} to ${String(rows[rows.length - 1]?._rowid)}: ${(err as Error).message}; nothing was kept`, { cause: err });
    }
    copied += rows.length;
    after = Number(rows[rows.length - 1]?._rowid);
    onProgress?.({ table: name, copied, total });
  }
  if (copied === 0) onProgress?.({ table: name, copied, total });
  return { table: name, rows: copied };
}

/** SQLite's flags are 0 and 1; the rest (ISO text for instants, JSON text for raw) PostgreSQL reads as it is. */
function convert(value: unknown, type: string, json: boolean): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return value === 1 || value === true || value === '1';
  return storable(value, json);
}

/** The ledger's ids were copied as they were: new runs must number on from the highest. */
async function restartIdentities(client: pg.PoolClient): Promise<void> {
  for (const name of ['sync_runs', 'sync_run_streams']) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${name}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM ${name}`);
  }
}

/** The target, empty before the copy, ends with exactly the rows read. */
async function verifyCounts(client: pg.PoolClient, tables: CopyOutcome['tables'], where: string): Promise<void> {
  for (const { table, rows } of tables) {
    const found = Number((await client.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
    if (found !== rows) throw new StoreError(`copying into ${where}: ${table} holds ${found} rows after the copy, not the ${rows} read; nothing was kept`);
  }
}
