import type Database from 'better-sqlite3';
import { getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { mappedColumns, rowValues } from '../../entity-columns.js';
import type { DeleteOutcome, WriteCounts } from '../../store.js';

/** The synchronous writer of one SQLite table; the store wraps it into the port's EntityWriter. */
export interface TableWriter<Row> {
  readonly table: string;
  /** Inserts new rows, rewrites changed or revived ones, leaves identical ones untouched. Call inside a transaction. */
  upsert(rows: readonly Row[], now: string): WriteCounts;
  /**
   * Soft-deletes the live rows of one scope (e.g. a team) whose ids were not in a complete listing.
   * More than `maxFraction` of the scope vanishing at once is withheld unless `force`.
   */
  markMissing(scope: { column: string; value: string } | null, seen: ReadonlySet<string>, now: string, options: { force: boolean; maxFraction?: number }): DeleteOutcome;
}

export function createEntityWriter<Row extends { id: string }>(sqlite: Database.Database, table: SQLiteTable): TableWriter<Row> {
  const name = getTableName(table);
  const dataColumns = mappedColumns(table);
  const allNames = [...dataColumns.map((c) => c.name), 'first_seen_at', 'synced_at', 'deleted_at'];
  const updates = allNames.filter((n) => n !== 'id' && n !== 'first_seen_at').map((n) => `${n} = excluded.${n}`);
  const write = sqlite.prepare(
    `INSERT INTO ${name} (${allNames.join(', ')}) VALUES (${allNames.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
  );
  // Every stored column, compared in JS: a row is rewritten only when something in it changed,
  // which costs a read of the page's rows instead of a hash of each item.
  const existing = sqlite
    .prepare(`SELECT ${dataColumns.map((c) => c.name).join(', ')}, deleted_at FROM ${name} WHERE id IN (SELECT value FROM json_each(?))`)
    .raw(true);
  const idIndex = dataColumns.findIndex((c) => c.name === 'id');

  // Prepared on first use and kept: the activity stream marks missing events once per incident, and preparing each
  // time cost a quarter of a second over a cold sync of 8,000 activity logs.
  const liveIdsByScope = new Map<string | null, Database.Statement>();
  const liveIds = (column: string | null): Database.Statement => {
    let statement = liveIdsByScope.get(column);
    if (!statement) {
      statement = sqlite.prepare(`SELECT id FROM ${name} WHERE ${column ? `${column} = ? AND ` : ''}deleted_at IS NULL`).pluck();
      liveIdsByScope.set(column, statement);
    }
    return statement;
  };
  let mark: Database.Statement | undefined;

  const storedValues = rowValues(table, dataColumns);
  const valuesOf = (row: Row): unknown[] => storedValues(row).map(toSqlite);

  return {
    table: name,
    upsert(rows, now) {
      const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0 };
      if (rows.length === 0) return counts;
      const known = new Map<string, unknown[]>();
      for (const stored of existing.all(JSON.stringify(rows.map((row) => row.id))) as unknown[][]) known.set(stored[idIndex] as string, stored);
      for (const row of rows) {
        const values = valuesOf(row);
        const before = known.get(row.id);
        if (before && isUnchanged(before, values)) {
          counts.unchanged++;
          continue;
        }
        write.run(...values, now, now, null);
        known.set(row.id, [...values, null]);
        if (before) counts.updated++;
        else counts.inserted++;
      }
      return counts;
    },
    markMissing(scope, seen, now, options) {
      const params = scope ? [scope.value] : [];
      const live = liveIds(scope?.column ?? null).all(...params) as string[];
      const missing = live.filter((id) => !seen.has(id));
      if (missing.length === 0) return { deleted: 0, withheld: 0 };
      if (!options.force && missing.length > live.length * (options.maxFraction ?? 0.5)) {
        return { deleted: 0, withheld: missing.length };
      }
      mark ??= sqlite.prepare(`UPDATE ${name} SET deleted_at = ?, synced_at = ? WHERE id IN (SELECT value FROM json_each(?))`);
      const { changes } = mark.run(now, now, JSON.stringify(missing));
      return { deleted: changes, withheld: 0 };
    },
  };
}

function toSqlite(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Stored columns (data columns, then deleted_at) against the new values: identical and live means nothing to write. */
function isUnchanged(stored: unknown[], values: unknown[]): boolean {
  if (stored[values.length] !== null) return false;
  for (let i = 0; i < values.length; i++) if (stored[i] !== values[i]) return false;
  return true;
}
