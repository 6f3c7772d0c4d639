import type Database from 'better-sqlite3';
import type { MigrationMeta } from 'drizzle-orm/migrator';

/** How a store's applied migrations compare with the ones this build ships. */
export interface MigrationGap {
  /** Shipped migrations the store has not applied yet. */
  pending: number;
  /** Applied migrations this build does not know: the store was migrated by a newer version. */
  unknown: number;
  /** When the newest migration the store knows was generated (ms since epoch), null for a fresh store. */
  newestApplied: number | null;
}

const TABLE = '__drizzle_migrations';

/**
 * drizzle's migrator applies every shipped migration newer than the store's newest row, so a row from a
 * newer build makes it report "up to date" and carry on writing a schema it does not understand.
 * Comparing the rows with the shipped list catches that before anything is written.
 */
export function compareMigrations(sqlite: Database.Database, shipped: readonly MigrationMeta[]): MigrationGap {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE) !== undefined;
  const applied = exists
    ? (sqlite.prepare(`SELECT created_at AS at FROM "${TABLE}"`).all() as { at: number | string }[]).map((r) => Number(r.at))
    : [];
  const known = new Set(shipped.map((m) => m.folderMillis));
  const appliedSet = new Set(applied);
  return {
    pending: shipped.filter((m) => !appliedSet.has(m.folderMillis)).length,
    unknown: applied.filter((at) => !known.has(at)).length,
    newestApplied: applied.length > 0 ? Math.max(...applied) : null,
  };
}
