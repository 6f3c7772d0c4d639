import type { SqlExecutor } from '../sql-executor.js';
import type { ActivityCursor, ActivityRead, IncidentResponders, PendingActivity } from '../store.js';

/** A team's live resolved incidents whose log was not read for their current resolution (`@teamId`). */
const PENDING = `FROM incidents i LEFT JOIN incident_activity_reads r ON r.incident_id = i.id
      WHERE i.team_id = @teamId AND i.status = 'RES' AND i.deleted_at IS NULL
        AND (r.incident_id IS NULL OR r.resolved_at <> i.resolved_at)`;

/**
 * The activity-log queue: a team's live resolved incidents whose log was not read for their current resolution
 * (a reopen and a new resolve change resolved_at, so the log is read again), after `after` in (resolved_at, id)
 * order. Starting from `{ resolvedAt: since, id: '' }` and moving `after` to the last one handled walks the queue
 * once, even past incidents that stay pending. The cursor's condition is written as a range on resolved_at first, so both
 * stores read only the part of incidents_team_status_idx after it instead of every resolved incident of the team.
 */
export function listPendingActivity(sql: SqlExecutor, teamId: string, after: ActivityCursor, limit: number): Promise<PendingActivity[]> {
  return sql.all<PendingActivity>(
    `SELECT i.id, i.counter_id AS "counterId", i.resolved_at AS "resolvedAt"
       ${PENDING}
        AND i.resolved_at >= @afterAt AND (i.resolved_at > @afterAt OR i.id > @afterId)
      ORDER BY i.resolved_at, i.id
      LIMIT @limit`,
    { teamId, afterAt: after.resolvedAt, afterId: after.id, limit },
  );
}

/**
 * How many logs the queue holds from `since` on (the start a run walks it from) that cost a request to read: those
 * of incidents without a counterId are marked read without one.
 */
export async function countPendingActivity(sql: SqlExecutor, teamId: string, since: string): Promise<number> {
  const row = await sql.one<{ n: number }>(
    `SELECT COUNT(*) AS n ${PENDING} AND i.resolved_at >= @since AND i.counter_id IS NOT NULL AND i.counter_id <> ''`,
    { teamId, since },
  );
  return Number(row?.n ?? 0);
}

/** Records that the incident's log was read for this resolution; write it in the transaction of its events. */
export async function markActivityRead(sql: SqlExecutor, read: ActivityRead, now: string): Promise<void> {
  await sql.run(
    `INSERT INTO incident_activity_reads (incident_id, team_id, resolved_at, read_at) VALUES (@incidentId, @teamId, @resolvedAt, @now)
     ON CONFLICT (incident_id) DO UPDATE SET team_id = excluded.team_id, resolved_at = excluded.resolved_at, read_at = excluded.read_at`,
    { ...read, now },
  );
}

/** Sets who acknowledged and who resolved an incident, as its activity log tells; the incident writer never touches these. */
export async function setIncidentResponders(sql: SqlExecutor, incidentId: string, responders: IncidentResponders): Promise<void> {
  await sql.run('UPDATE incidents SET acknowledged_by = @acknowledgedBy, resolved_by = @resolvedBy WHERE id = @incidentId', { incidentId, ...responders });
}

/**
 * Time zones to class a team's interruptions in: every user's own, and the zone of one of the team's live
 * schedules (for people without one). Both are the API's text, checked where they are used.
 */
export async function readActivityZones(sql: SqlExecutor, teamId: string): Promise<{ users: Map<string, string>; schedule: string | null }> {
  const users = await sql.all<{ id: string; timezone: string }>("SELECT id, timezone FROM users WHERE timezone IS NOT NULL AND timezone <> ''");
  const schedule = await sql.one<{ timezone: string }>(
    `SELECT s.timezone FROM oncall_schedules s
      WHERE s.deleted_at IS NULL AND s.timezone IS NOT NULL AND s.timezone <> ''
        AND (s.team_id = @teamId OR s.id IN (SELECT schedule_id FROM oncall_schedule_teams WHERE team_id = @teamId AND deleted_at IS NULL))
      ORDER BY s.id LIMIT 1`,
    { teamId },
  );
  return { users: new Map(users.map((u) => [u.id, u.timezone])), schedule: schedule?.timezone ?? null };
}
