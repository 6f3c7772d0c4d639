import type { SqlExecutor } from '../sql-executor.js';
import type { IncidentCounts, RunSummary, StoredStreamState } from '../store.js';

/** What the request plan reads of the store: how much a team holds, what its checkpoints say, what runs cost. */

/**
 * A team's live stored incidents: all of them, those triggered at or after `sinceMs` (what a read of new pages
 * passes), and those triggered, and those resolved (and resolved now: the ones whose activity log is read), at or
 * after `rateSinceMs` (the team's recent pace).
 *
 * Every column read is in incidents_team_report_idx, the resolution as `triggered_ms + ms_to_resolve` (set only while
 * resolved), so the count never reads the wide rows: reading `resolved_ms` from them cost 3.9 s of a 9 s no-change
 * run over a million incidents.
 */
export async function countIncidents(sql: SqlExecutor, teamId: string, bounds: { sinceMs: number; rateSinceMs: number }): Promise<IncidentCounts> {
  const row = await sql.one<Record<keyof IncidentCounts, number | null>>(
    `SELECT COUNT(*) AS stored,
            SUM(CASE WHEN triggered_ms >= @sinceMs THEN 1 ELSE 0 END) AS "triggeredSince",
            SUM(CASE WHEN triggered_ms >= @rateSinceMs THEN 1 ELSE 0 END) AS "triggeredRecently",
            SUM(CASE WHEN triggered_ms + ms_to_resolve >= @rateSinceMs THEN 1 ELSE 0 END) AS "resolvedRecently"
       FROM incidents WHERE team_id = @teamId AND deleted_at IS NULL`,
    { teamId, ...bounds },
  );
  return {
    stored: Number(row?.stored ?? 0),
    triggeredSince: Number(row?.triggeredSince ?? 0),
    triggeredRecently: Number(row?.triggeredRecently ?? 0),
    resolvedRecently: Number(row?.resolvedRecently ?? 0),
  };
}

/** Every checkpoint, of every team and stream. */
export function listStreamStates(sql: SqlExecutor): Promise<StoredStreamState[]> {
  return sql.all<StoredStreamState>(
    `SELECT team_id AS "teamId", stream, watermark, resume_page AS "resumePage", last_full_at AS "lastFullAt", last_success_at AS "lastSuccessAt"
       FROM sync_state`,
  );
}

/** Stream rows the mean is taken over: recent enough to reflect the API as it answers now. */
const LATENCY_SAMPLE = 200;

/**
 * Milliseconds per request over the last successful streams that sent any, from their duration: the API's latency
 * plus the time to store what came back. Null before any stream has sent a request.
 */
export async function meanRequestMs(sql: SqlExecutor): Promise<number | null> {
  const row = await sql.one<{ ms: number | null; requests: number | null }>(
    `SELECT SUM(duration_ms) AS ms, SUM(requests) AS requests
       FROM (SELECT duration_ms, requests FROM sync_run_streams WHERE status = 'ok' AND requests > 0 ORDER BY id DESC LIMIT @limit) recent`,
    { limit: LATENCY_SAMPLE },
  );
  const requests = Number(row?.requests ?? 0);
  return requests > 0 ? Number(row?.ms ?? 0) / requests : null;
}

/** The latest runs, newest first, each with the requests its plan estimated beside the requests it sent. */
export async function listRecentRuns(sql: SqlExecutor, limit: number): Promise<RunSummary[]> {
  const rows = await sql.all<Omit<RunSummary, 'full'> & { full: number | boolean }>(
    // A run still going has its total written when it ends: until then, its requests are those its streams have recorded.
    `SELECT id, started_at AS "startedAt", finished_at AS "finishedAt", trigger, status, "full",
            CASE WHEN status = 'running' THEN (SELECT COALESCE(SUM(s.requests), 0) FROM sync_run_streams s WHERE s.run_id = r.id) ELSE requests END AS requests,
            estimated_requests AS "estimatedRequests", error
       FROM sync_runs r ORDER BY id DESC LIMIT @limit`,
    { limit },
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), full: Number(r.full) === 1 || r.full === true, requests: Number(r.requests), estimatedRequests: r.estimatedRequests === null ? null : Number(r.estimatedRequests) }));
}
