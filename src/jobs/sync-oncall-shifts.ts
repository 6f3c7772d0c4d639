import type { OncallShiftRow, StoredSchedule } from '../db/index.js';
import { DAY_MS } from '../lib/duration.js';
import { listOncallShifts } from '../spike/index.js';
import { mapAll } from './apply-snapshot.js';
import { mapOncallShift } from './mappers/oncall.js';
import { forEachStoredSchedule, writeScheduleWindow } from './schedule-window.js';
import type { StreamTally, SyncDeps } from './context.js';

/** The span Spike's schedule detail flattens from one `from`; a read that returns nothing is taken to cover it. */
export const SHIFT_WINDOW_MS = 14 * DAY_MS;
/**
 * Most backfill reads of one schedule in one run: 30 days need 3, and a year about 27. A longer backfill stops
 * here (with a warning) rather than spending a run's requests on one schedule.
 */
export const MAX_BACKFILL_READS = 30;

interface WindowRead {
  from: number;
  rows: OncallShiftRow[];
  complete: boolean;
}

/**
 * The `oncall_shifts` stream: every live schedule of the team read from now on (one request each). A schedule with
 * no stored shift yet is first reconstructed from `oncallBackfillMs` ago, window by window. Every read happens
 * before anything is written, so a backfill cut short by a failed read is redone in full by the next run.
 *
 * History is frozen: a stored shift that had ended is never rewritten, so a rotation changed later (which Spike
 * applies to the past as well) leaves what was observed as it was. A future shift missing from a read that covers
 * its start is soft-deleted, unless the read returned no shift at all. A shift under way that vanishes is kept: it was observed while it ran, and whoever
 * Spike now lists for the rest of it is stored as a shift of its own.
 */
export const syncOncallShifts = forEachStoredSchedule(async (ctx, schedule) => {
  const { deps, settings, team } = ctx;
  const now = deps.clock.now().getTime();
  const readAt = new Date(now).toISOString();
  const reads: WindowRead[] = [];
  const read = async (from: number) => {
    const items = await listOncallShifts(deps.client, team.id, schedule.id, new Date(from).toISOString());
    const skippedBefore = ctx.tally.itemsSkipped;
    const rows = mapAll(items, (item) => mapOncallShift(item, schedule, readAt), ctx.tally);
    // A shift the read could not map may be one already stored: then nothing is proven to have vanished.
    const window = { from, rows, complete: ctx.tally.itemsSkipped === skippedBefore };
    reads.push(window);
    return coveredUntil(rows, from);
  };
  if (!schedule.hasShifts) {
    let from = now - settings.oncallBackfillMs;
    while (from < now && reads.length < MAX_BACKFILL_READS) from = await read(from);
    if (from < now) deps.logger.warn({ schedule: schedule.id, reads: reads.length, stoppedAt: new Date(from).toISOString() }, 'on-call backfill of this schedule stopped at its request bound');
  }
  await read(now);
  for (const window of reads) await writeShiftWindow(deps, ctx.tally, schedule, window, readAt);
});

/**
 * Where a read from `from` is complete until: the latest end among its shifts, but no further than the span Spike
 * serves (a shift starting after that was not asked for). A read that returned none moves the backfill on by a whole
 * window, but is never taken as proof that the window is empty (see writeShiftWindow).
 */
function coveredUntil(rows: readonly OncallShiftRow[], from: number): number {
  // A loop, not Math.max(...spread): a response may hold more shifts than a call takes arguments.
  let latest = from;
  for (const row of rows) latest = Math.max(latest, Date.parse(row.endAt));
  return latest > from ? Math.min(latest, from + SHIFT_WINDOW_MS) : from + SHIFT_WINDOW_MS;
}

async function writeShiftWindow(deps: SyncDeps, tally: StreamTally, schedule: StoredSchedule, read: WindowRead, readAt: string): Promise<void> {
  const frozen = new Set(await deps.store.listEndedShiftIds(schedule.id, read.rows.map((r) => r.id), readAt));
  await writeScheduleWindow<OncallShiftRow>(deps, {
    what: 'shifts',
    scheduleId: schedule.id,
    rows: read.rows.filter((r) => !frozen.has(r.id)),
    seen: new Set(read.rows.map((r) => r.id)),
    // Only shifts yet to start can vanish: what ended is history, and a shift under way is kept. A read that returned
    // no shift at all proves nothing (a schedule is rarely empty for two weeks; a deployment's fault is likelier).
    window: read.complete && read.rows.length > 0 ? { startsAfter: new Date(Math.max(read.from, Date.parse(readAt))).toISOString(), startsBefore: new Date(coveredUntil(read.rows, read.from)).toISOString() } : null,
    writer: (tx) => tx.writer('oncall_shifts'),
  }, tally);
}
