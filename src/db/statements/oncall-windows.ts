import type { SqlExecutor } from '../sql-executor.js';
import type { ScheduleWindow, StoredSchedule } from '../store.js';

/**
 * The statements behind on-call shifts and overrides, whose listings are complete for one schedule and one
 * span of time only: what a read proves is confined to that span, not to a column's value as markMissing's scope.
 */

/** The live schedules the team owns (not those it is only linked to), with whether any shift of each was ever stored (one without any is backfilled). */
export async function listStoredSchedules(sql: SqlExecutor, teamId: string): Promise<StoredSchedule[]> {
  const rows = await sql.all<{ id: string; teamId: string; hasShifts: unknown }>(
    `SELECT s.id, s.team_id AS "teamId",
            CASE WHEN EXISTS (SELECT 1 FROM oncall_shifts h WHERE h.schedule_id = s.id) THEN 1 ELSE 0 END AS "hasShifts"
       FROM oncall_schedules s
      WHERE s.team_id = @teamId AND s.deleted_at IS NULL
      ORDER BY s.id`,
    { teamId },
  );
  return rows.map((r) => ({ id: r.id, teamId: r.teamId, hasShifts: Number(r.hasShifts) === 1 }));
}

/**
 * Of `ids`, those of the schedule's live stored shifts that had ended by `now`: history no read rewrites. A soft-deleted
 * shift is not history: it was taken for gone while yet to start, so a read that lists it again restores it.
 */
export async function listEndedShiftIds(sql: SqlExecutor, scheduleId: string, ids: readonly string[], now: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const listed = sql.dialect.inList('id', 'ids', ids);
  const rows = await sql.all<{ id: string }>(`SELECT id FROM oncall_shifts WHERE ${listed.sql} AND schedule_id = @scheduleId AND deleted_at IS NULL AND end_at <= @now`, {
    ...listed.params,
    scheduleId,
    now,
  });
  return rows.map((r) => r.id);
}

const WINDOW_TABLES = { shifts: 'oncall_shifts', overrides: 'oncall_overrides' } as const;

/**
 * Soft-deletes the schedule's live shifts or overrides inside `window` whose ids a read covering that window did
 * not return. Rows outside the window are left alone: the read says nothing about them.
 */
export async function markVanishedInWindow(
  sql: SqlExecutor,
  what: keyof typeof WINDOW_TABLES,
  scheduleId: string,
  window: ScheduleWindow,
  seen: ReadonlySet<string>,
  now: string,
): Promise<number> {
  const table = WINDOW_TABLES[what];
  const conditions = ['schedule_id = @scheduleId', 'deleted_at IS NULL', 'start_at < @startsBefore'];
  const params: Record<string, unknown> = { scheduleId, startsBefore: window.startsBefore };
  if (window.startsAfter !== undefined) {
    conditions.push('start_at > @startsAfter');
    params.startsAfter = window.startsAfter;
  }
  if (window.endsAfter !== undefined) {
    conditions.push('end_at > @endsAfter');
    params.endsAfter = window.endsAfter;
  }
  const live = await sql.all<{ id: string }>(`SELECT id FROM ${table} WHERE ${conditions.join(' AND ')}`, params);
  const missing = live.map((r) => r.id).filter((id) => !seen.has(id));
  if (missing.length === 0) return 0;
  const listed = sql.dialect.inList('id', 'ids', missing);
  const { changes } = await sql.run(`UPDATE ${table} SET deleted_at = @now, synced_at = @now WHERE ${listed.sql}`, { ...listed.params, now });
  return changes;
}
