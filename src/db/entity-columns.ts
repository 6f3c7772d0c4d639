import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

/** Bookkeeping every entity table carries; the store writes these, never a mapper. */
const TRACKING_COLUMNS = new Set(['first_seen_at', 'synced_at', 'deleted_at']);

/**
 * Columns derived from another stream, which an entity's own writer leaves alone: who acknowledged and resolved
 * an incident comes from its activity log, so a listing of incidents must not reset it.
 */
const DERIVED_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = { incidents: new Set(['acknowledged_by', 'resolved_by']) };

export interface EntityColumn {
  /** The property of the row a mapper produces. */
  prop: string;
  /** The SQL name. */
  name: string;
}

/** The columns an entity table's writer fills from a mapper's row, in schema order (`id` among them). */
export function mappedColumns(table: Table): EntityColumn[] {
  const derived = DERIVED_COLUMNS[getTableName(table)];
  return Object.entries(getTableColumns(table))
    .map(([prop, col]) => ({ prop, name: col.name }))
    .filter((c) => !TRACKING_COLUMNS.has(c.name) && !derived?.has(c.name));
}
