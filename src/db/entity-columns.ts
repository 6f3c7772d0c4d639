import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { incidentTimings } from './incident-timings.js';
import { rememberingTitleKeys } from './title-key.js';

/** Bookkeeping every entity table carries; the store writes these, never a mapper. */
const TRACKING_COLUMNS = new Set(['first_seen_at', 'synced_at', 'deleted_at']);

/**
 * Columns derived from another stream, which an entity's own writer leaves alone: who acknowledged and resolved
 * an incident comes from its activity log, so a listing of incidents must not reset it.
 */
const DERIVED_COLUMNS: Readonly<Record<string, ReadonlySet<string>>> = { incidents: new Set(['acknowledged_by', 'resolved_by']) };

type Fields = Record<string, unknown>;

/**
 * Columns the store computes from the row it writes (no mapper produces them), by property: written and
 * compared like the others, so a row is rewritten exactly when what they derive from changed. Each table's entry makes
 * the computation for one writer, which may keep what it learns (the keys of recent titles).
 */
const COMPUTED: Readonly<Record<string, () => (row: Fields) => Fields>> = {
  incidents: () => {
    const titleKey = rememberingTitleKeys();
    return (row) => ({ ...incidentTimings(row as unknown as Parameters<typeof incidentTimings>[0]), titleKey: titleKey(row.title as string) });
  },
};

export interface EntityColumn {
  /** The property of the row a mapper produces, or of a computed column. */
  prop: string;
  /** The SQL name. */
  name: string;
}

/** The columns an entity table's writer fills, mapped and computed, in schema order (`id` among them). */
export function mappedColumns(table: Table): EntityColumn[] {
  const derived = DERIVED_COLUMNS[getTableName(table)];
  return Object.entries(getTableColumns(table))
    .map(([prop, col]) => ({ prop, name: col.name }))
    .filter((c) => !TRACKING_COLUMNS.has(c.name) && !derived?.has(c.name));
}

/** The values a writer stores for a row, in the order of `columns`: the mapper's fields, then what the store computes from them. */
export function rowValues(table: Table, columns: readonly EntityColumn[]): (row: object) => unknown[] {
  const compute = COMPUTED[getTableName(table)]?.();
  if (!compute) return (row) => columns.map((c) => (row as Fields)[c.prop]);
  return (row) => {
    const computed = compute(row as Fields);
    return columns.map((c) => (c.prop in computed ? computed[c.prop] : (row as Fields)[c.prop]));
  };
}
