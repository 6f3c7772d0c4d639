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

/** drizzle's table of applied migrations, on both stores. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * drizzle's migrator applies every shipped migration newer than the store's newest row, so a row from a
 * newer build makes it report "up to date" and carry on writing a schema it does not understand.
 * Comparing the rows (their `created_at`) with the shipped list catches that before anything is written.
 */
export function compareMigrations(applied: readonly (number | string)[], shipped: readonly MigrationMeta[]): MigrationGap {
  const appliedAt = applied.map(Number);
  const known = new Set(shipped.map((m) => m.folderMillis));
  const appliedSet = new Set(appliedAt);
  return {
    pending: shipped.filter((m) => !appliedSet.has(m.folderMillis)).length,
    unknown: appliedAt.filter((at) => !known.has(at)).length,
    newestApplied: appliedAt.length > 0 ? Math.max(...appliedAt) : null,
  };
}

/** The one line for a store migrated by a newer spike-sync. */
export function newerStoreMessage(gap: MigrationGap, where: string, setting: string): string {
  const when = gap.newestApplied === null ? '' : ` (its newest migration dates from ${new Date(gap.newestApplied).toISOString()})`;
  return `this store was migrated by a newer spike-sync${when}: ${where}; upgrade spike-sync, or point ${setting} at another store`;
}
