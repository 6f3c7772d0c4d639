import type Database from 'better-sqlite3';
import { hasTable } from './connect.js';

/**
 * A first backfill writes every incident once. Keeping the indexes that serve reports in order as it goes costs a
 * write of each index page a commit touches, and the duration indexes are touched all over (a team's durations come
 * in no order): a cold sync of 100,000 incidents wrote 1.25 GB of WAL for a 234 MB store. Built at the end, each index
 * is one sort of the finished table.
 *
 * While they are set aside, their definitions are kept in DEFERRED_TABLE, which is created and dropped with them in
 * the same transactions: a run that dies leaves the record, the next run goes on without them, and whatever opens the
 * store to migrate it builds them first, so a migration always finds the schema its predecessors left.
 */
export const DEFERRED_TABLE = 'deferred_indexes';

/**
 * The incident indexes that serve reports and the request plan, as the migrations define them. The primary key and
 * `incidents_team_status_idx` (the open set, the activity-log queue: the sync reads them) are never set aside, nor is
 * an index someone added for their own queries.
 */
const SET_ASIDE = new Set([
  'incidents_triggered_idx',
  'incidents_team_report_idx',
  'incidents_team_count_idx',
  'incidents_ack_order_idx',
  'incidents_resolve_order_idx',
  'incidents_open_order_idx',
  'incidents_title_count_idx',
]);

/**
 * The page cache while an index is built, in KiB. The build's sort holds as much again in memory beside it; 4 MB
 * builds as fast as the driver's 16 MB (the five indexes of a million incidents: 8.1 s against 8.3 s) and leaves
 * less for the end of a first backfill to add to the sync's peak memory.
 */
const BUILD_CACHE_KIB = 4000;

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Sets the incident indexes that serve reports aside when the store holds no incident yet, and returns their names;
 * returns those still set aside by a run that did not finish; otherwise (the store holds incidents) null.
 */
export function deferReportIndexes(sqlite: Database.Database): string[] | null {
  return sqlite
    .transaction(() => {
      if (isDeferring(sqlite)) return deferredIndexNames(sqlite);
      if (sqlite.prepare('SELECT 1 FROM incidents LIMIT 1').get() !== undefined) return null;
      const indexes = (
        sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' AND sql IS NOT NULL ORDER BY name").all() as IndexDefinition[]
      ).filter((i) => SET_ASIDE.has(i.name));
      if (indexes.length === 0) return null;
      sqlite.exec(`CREATE TABLE ${DEFERRED_TABLE} (name TEXT PRIMARY KEY, sql TEXT NOT NULL)`);
      const record = sqlite.prepare(`INSERT INTO ${DEFERRED_TABLE} (name, sql) VALUES (?, ?)`);
      for (const index of indexes) {
        record.run(index.name, index.sql);
        sqlite.exec(`DROP INDEX ${quoted(index.name)}`);
      }
      return indexes.map((i) => i.name);
    })
    .immediate();
}

/**
 * Builds one index set aside, in a transaction of its own with the removal of its record (the record goes with the
 * last one): between two, other statements (a lock's heartbeat) get their turn. False when it was not set aside.
 */
export function buildDeferredIndex(sqlite: Database.Database, name: string): boolean {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma(`cache_size = -${BUILD_CACHE_KIB}`);
  try {
    return buildInTransaction(sqlite, name);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

function buildInTransaction(sqlite: Database.Database, name: string): boolean {
  return sqlite
    .transaction(() => {
      if (!isDeferring(sqlite)) return false;
      const index = sqlite.prepare(`SELECT name, sql FROM ${DEFERRED_TABLE} WHERE name = ?`).get(name) as IndexDefinition | undefined;
      if (!index) return false;
      sqlite.exec(index.sql);
      sqlite.prepare(`DELETE FROM ${DEFERRED_TABLE} WHERE name = ?`).run(name);
      if (sqlite.prepare(`SELECT 1 FROM ${DEFERRED_TABLE} LIMIT 1`).get() === undefined) sqlite.exec(`DROP TABLE ${DEFERRED_TABLE}`);
      return true;
    })
    .immediate();
}

/** Builds every index set aside: before migrations, which may alter them. */
export function buildDeferredIndexes(sqlite: Database.Database): void {
  if (!isDeferring(sqlite)) return;
  for (const index of deferredIndexes(sqlite)) buildDeferredIndex(sqlite, index.name);
}

/** The names of the indexes set aside, none when nothing is. */
export function deferredIndexNames(sqlite: Database.Database): string[] {
  return isDeferring(sqlite) ? deferredIndexes(sqlite).map((i) => i.name) : [];
}

function isDeferring(sqlite: Database.Database): boolean {
  return hasTable(sqlite, DEFERRED_TABLE);
}

function deferredIndexes(sqlite: Database.Database): IndexDefinition[] {
  return sqlite.prepare(`SELECT name, sql FROM ${DEFERRED_TABLE} ORDER BY name`).all() as IndexDefinition[];
}

function quoted(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
