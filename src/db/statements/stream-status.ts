import type { SqlExecutor } from '../sql-executor.js';
import type { StreamStatusRow } from '../store.js';

/**
 * The latest ledger entry and the last success of every (team, stream) a run has touched,
 * organisation streams first. A stream that was tried but never succeeded has a null last success,
 * so it counts as stale; teams left out by SPIKE_TEAMS or --team never appear. `status` passes every team stream,
 * interval streams included, and judges each against its own interval.
 */
export function listStreamStatus(sql: SqlExecutor, expectedTeamStreams: readonly string[]): Promise<StreamStatusRow[]> {
  const expected = sql.dialect.listTable('expected', expectedTeamStreams);
  return sql.all<StreamStatusRow>(
    `WITH streams(team_id, stream) AS (
       SELECT team_id, stream FROM sync_state
       UNION SELECT team_id, stream FROM sync_run_streams
       UNION SELECT t.id, s.value FROM teams t
             CROSS JOIN ${expected.sql} s
             WHERE t.deleted_at IS NULL
     ),
     latest AS (
       SELECT team_id, stream, MAX(id) AS id FROM sync_run_streams GROUP BY team_id, stream
     )
     SELECT s.team_id,
            CASE WHEN s.team_id = '*' THEN '(organisation)' ELSE COALESCE(t.name, s.team_id) END AS team_name,
            s.stream,
            st.last_success_at,
            r.status AS last_status,
            r.finished_at AS last_run_at,
            r.rows_inserted + r.rows_updated + r.rows_deleted AS rows_written,
            r.requests,
            r.error
       FROM streams s
       LEFT JOIN teams t ON t.id = s.team_id
       LEFT JOIN sync_state st ON st.team_id = s.team_id AND st.stream = s.stream
       LEFT JOIN latest l ON l.team_id = s.team_id AND l.stream = s.stream
       LEFT JOIN sync_run_streams r ON r.id = l.id
      WHERE s.team_id = '*' OR t.deleted_at IS NULL
      ORDER BY s.team_id <> '*', team_name, s.stream`,
    expected.params,
  );
}
