import type { EntityWriter, StoreWrites } from '../db/index.js';
import { countWrites, type StreamTally, type SyncDeps } from './context.js';
import { withoutControls } from '../lib/terminal-text.js';
import { isObject, type Mapped } from './mappers/fields.js';

export interface SnapshotSpec<Row> {
  label: string;
  items: unknown[];
  map: (item: unknown) => Mapped<Row>;
  /** The table's writer, taken from the transaction it writes in. */
  writer: (tx: StoreWrites) => EntityWriter<Row>;
  /** The rows this listing is complete for (a team's rows), or null for the whole table. */
  scope: { column: string; value: string } | null;
  full: boolean;
  /**
   * Extra work in the same transaction, such as ending the memberships of users who left. `complete`: the
   * listing could prove what vanished (every item had an id), so dependent rows may be marked deleted too.
   */
  alsoInTransaction?: (tx: StoreWrites, complete: boolean) => Promise<void>;
}

/**
 * Applies one complete listing: upserts what changed and soft-deletes what vanished, in one
 * transaction. Skipped items still count as seen when they carry an id, so a malformed item is
 * never mistaken for a deleted one. Returns the rows it stored.
 */
export async function applySnapshot<Row extends { id: string }>(deps: SyncDeps, spec: SnapshotSpec<Row>, tally: StreamTally): Promise<Row[]> {
  const now = deps.clock.now().toISOString();
  const rows = mapAll(spec.items, spec.map, tally);
  const ids = spec.items.map(idOf);
  const seen = new Set(ids.filter((id): id is string => id !== null));
  for (const row of rows) seen.add(row.id);
  // An item without an id could be any stored row: the listing cannot prove anything vanished.
  const unidentified = ids.filter((id) => id === null).length;
  await deps.store.transaction(async (tx) => {
    const writer = spec.writer(tx);
    countWrites(tally, await writer.upsert(rows, now));
    if (unidentified > 0) {
      deps.logger.warn({ table: writer.table, scope: spec.scope?.value, unidentified }, `${spec.label}: listing has items without _id; not marking anything deleted this run`);
      await spec.alsoInTransaction?.(tx, false);
      return;
    }
    const outcome = await writer.markMissing(spec.scope, seen, now, { force: spec.full });
    tally.rowsDeleted += outcome.deleted;
    if (outcome.withheld > 0) {
      deps.logger.warn(
        { table: writer.table, scope: spec.scope?.value, vanished: outcome.withheld, listed: spec.items.length },
        `${spec.label}: more than half of the stored rows vanished from one listing; not marking them deleted (run with --full to accept)`,
      );
    }
    await spec.alsoInTransaction?.(tx, true);
  });
  tally.pages += 1;
  return rows;
}

/** Maps a page of items, counting (and remembering the first reason for) each one skipped. Duplicate ids keep the last. */
export function mapAll<Row extends { id: string }>(items: unknown[], map: (item: unknown) => Mapped<Row>, tally: StreamTally): Row[] {
  const rows = new Map<string, Row>();
  for (const item of items) {
    const result = map(item);
    if (result.ok) {
      rows.set(result.row.id, result.row);
      continue;
    }
    tally.itemsSkipped++;
    tally.firstSkipError ??= `${skippedLabel(item)}: ${result.error}`;
  }
  return [...rows.values()];
}

export function idOf(item: unknown): string | null {
  return isObject(item) && typeof item._id === 'string' && item._id ? item._id : null;
}

/** Most characters of a skipped item's id quoted in its reason: the id may be what was wrong with it (huge). */
const MAX_QUOTED_ID = 64;

/**
 * The skipped item's `_id` as its reason names it: without control characters (a NUL cannot reach PostgreSQL's
 * ledger, an escape sequence must not reach a terminal) and cut short.
 */
function skippedLabel(item: unknown): string {
  if (!isObject(item) || typeof item._id !== 'string' || !item._id) return 'item without _id';
  const id = withoutControls(item._id);
  return id.length > MAX_QUOTED_ID ? `${id.slice(0, MAX_QUOTED_ID)}…` : id;
}
