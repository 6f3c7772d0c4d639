import { incidentStatsSql } from './incident-stats.js';
import { INTERRUPTION_COLUMNS, interruptionColumnsSql, interruptionTotalSql, interruptionsSql, type InterruptionCounts } from './interruptions.js';
import { LIVE_INCIDENT, TEAM_INCIDENT_ROWS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

export type ResponderRow = InterruptionCounts & {
  user_id: string;
  user_name: string | null;
  acknowledged: number;
  mtta_p50_seconds: number | null;
  mtta_p90_seconds: number | null;
  resolved: number;
};

export const RESPONDER_COLUMNS = [
  'user_id',
  'user_name',
  'acknowledged',
  'mtta_p50_seconds',
  'mtta_p90_seconds',
  'resolved',
  ...INTERRUPTION_COLUMNS,
] as const satisfies readonly (keyof ResponderRow)[];


/**
 * Per person who acknowledged or resolved an incident triggered in the window, or was interrupted by an event
 * created in it: the incidents they acknowledged with the MTTA of those, the incidents resolved now that they
 * resolved, and their interruptions per class. `--team` picks the incidents' team. Who acknowledged and resolved an
 * incident is stored on it, in incidents_team_report_idx: both counts read that index alone.
 */
export function reportResponders(source: ReportSource, window: ReportWindow): Promise<ResponderRow[]> {
  const { dialect } = source;
  const inWindow = incidentFilter(dialect, window.teams, window);
  const acked = incidentStatsSql(dialect, {
    keys: ['user_id'],
    where: `${inWindow.sql} AND ${LIVE_INCIDENT} AND f.acknowledged_by IS NOT NULL`,
    from: { sql: TEAM_INCIDENT_ROWS, columns: { user_id: 'f.acknowledged_by' } },
    percentiles: ['mtta_p50_seconds', 'mtta_p90_seconds'],
  });
  const interrupted = interruptionsSql(dialect, ['user_id'], window);
  const sql = `
    WITH acked AS (${acked}),
    resolved AS (
      SELECT f.resolved_by AS user_id, COUNT(*) AS resolved
      FROM ${TEAM_INCIDENT_ROWS}
      WHERE ${inWindow.sql} AND ${LIVE_INCIDENT} AND f.resolved_by IS NOT NULL AND f.status = 'RES'
      GROUP BY f.resolved_by
    ),
    interrupted AS (${interrupted.sql}),
    people AS (SELECT user_id FROM acked UNION SELECT user_id FROM resolved UNION SELECT user_id FROM interrupted)
    SELECT p.user_id AS user_id, u.name AS user_name,
      COALESCE(a.incidents, 0) AS acknowledged, a.mtta_p50_seconds, a.mtta_p90_seconds,
      COALESCE(r.resolved, 0) AS resolved,
      ${interruptionColumnsSql('x')}
    FROM people p
    LEFT JOIN users u ON u.id = p.user_id
    LEFT JOIN acked a ON a.user_id = p.user_id
    LEFT JOIN resolved r ON r.user_id = p.user_id
    LEFT JOIN interrupted x ON x.user_id = p.user_id
    ORDER BY acknowledged DESC, resolved DESC, ${interruptionTotalSql('x')} DESC, u.name IS NULL, u.name, p.user_id`;
  return source.all<ResponderRow>(sql, { ...inWindow.params, ...interrupted.params });
}
