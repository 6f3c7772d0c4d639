import type { EntityWriter, ScheduleWindow, StoredSchedule, StoreWrites } from '../db/index.js';
import { countWrites, type StreamTally, type SyncDeps } from './context.js';
import type { StreamContext } from './stream-context.js';

/** What one read of a schedule over a span of time yields, ready to write. */
export interface WindowWrite<Row extends { id: string }> {
  what: 'shifts' | 'overrides';
  scheduleId: string;
  rows: readonly Row[];
  /** Every id the read returned, written or not: none of them vanished. */
  seen: ReadonlySet<string>;
  /** The span the read is complete for, or null when it proves nothing vanished (an item it could not identify). */
  window: ScheduleWindow | null;
  writer: (tx: StoreWrites) => EntityWriter<Row>;
}

/**
 * Writes one read of a schedule in one transaction: its rows, and the soft-deletion of the rows inside the span it
 * covered that it no longer returns. Shifts and overrides are both complete per schedule and span only, so this is
 * their shared counterpart of applySnapshot.
 */
export async function writeScheduleWindow<Row extends { id: string }>(deps: SyncDeps, spec: WindowWrite<Row>, tally: StreamTally): Promise<void> {
  const now = deps.clock.now().toISOString();
  const window = spec.window;
  await deps.store.transaction(async (tx) => {
    countWrites(tally, await spec.writer(tx).upsert(spec.rows, now));
    if (window !== null) tally.rowsDeleted += await tx.markVanishedInWindow(spec.what, spec.scheduleId, window, spec.seen, now);
  });
  tally.pages += 1;
}

/** A stream that reads every live stored schedule of the team in turn. */
export function forEachStoredSchedule(read: (ctx: StreamContext, schedule: StoredSchedule) => Promise<void>) {
  return async (ctx: StreamContext): Promise<void> => {
    for (const schedule of await ctx.deps.store.listStoredSchedules(ctx.team.id)) await read(ctx, schedule);
  };
}
