import { INTERRUPTION_COLUMNS, interruptionColumnsSql, interruptionTotalSql, interruptionsSql, type InterruptionCounts } from './interruptions.js';
import { teamFilter, type Filter, type ReportSource, type ReportWindow } from './source.js';

export type OncallLoadRow = InterruptionCounts & {
  user_id: string;
  user_name: string | null;
  team_id: string;
  team_name: string;
  oncall_hours: number;
  incidents_during_shifts: number;
  interrupted_hours: number;
};

export const ONCALL_LOAD_COLUMNS = [
  'user_id',
  'user_name',
  'team_id',
  'team_name',
  'oncall_hours',
  'incidents_during_shifts',
  ...INTERRUPTION_COLUMNS,
  'interrupted_hours',
] as const satisfies readonly (keyof OncallLoadRow)[];

/**
 * A person's on-call time for a team inside the window, overlapping shifts (two schedules, a layer and an
 * override) counted once: the shifts, cut to the window, are merged into islands, each island a run of shifts
 * that each start before every earlier one has ended. Work is in whole milliseconds since the epoch, exact on
 * both stores, so the hours round the same way.
 */
function oncallMillisecondsSql(source: ReportSource, shiftTeams: Filter): string {
  const ms = (expr: string) => `ROUND(${source.dialect.epochSeconds(expr)} * 1000)`;
  return `
    bounds AS (SELECT ${ms('@since')} AS since_ms, ${ms('@until')} AS until_ms),
    cut AS (
      SELECT s.user_id, s.team_id,
        CASE WHEN ${ms('s.start_at')} < b.since_ms THEN b.since_ms ELSE ${ms('s.start_at')} END AS start_ms,
        CASE WHEN ${ms('s.end_at')} > b.until_ms THEN b.until_ms ELSE ${ms('s.end_at')} END AS end_ms
      FROM oncall_shift_facts s CROSS JOIN bounds b
      WHERE s.start_at < @until AND s.end_at > @since AND s.end_at > s.start_at AND ${shiftTeams.sql}
    ),
    reach AS (
      SELECT user_id, team_id, start_ms, end_ms,
        MAX(end_ms) OVER (PARTITION BY user_id, team_id ORDER BY start_ms, end_ms ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached_ms
      FROM cut
    ),
    islands AS (
      SELECT user_id, team_id, start_ms, end_ms,
        SUM(CASE WHEN reached_ms IS NULL OR start_ms > reached_ms THEN 1 ELSE 0 END)
          OVER (PARTITION BY user_id, team_id ORDER BY start_ms, end_ms ROWS UNBOUNDED PRECEDING) AS island
      FROM reach
    ),
    oncall AS (
      SELECT user_id, team_id, SUM(island_ms) AS oncall_ms
      FROM (SELECT user_id, team_id, MAX(end_ms) - MIN(start_ms) AS island_ms FROM islands GROUP BY user_id, team_id, island) merged
      GROUP BY user_id, team_id
    )`;
}

/**
 * Per person and live team: hours on call inside the window, incidents of that team triggered in the window
 * while the person was on call for it, and the person's interruptions by that team's incidents (on call or not)
 * with the distinct UTC clock hours they fell in. Most loaded first.
 */
export function reportOncallLoad(source: ReportSource, window: ReportWindow): Promise<OncallLoadRow[]> {
  const { dialect } = source;
  const shiftTeams = teamFilter(dialect, 's.team_id', window.teams, 'shift_teams');
  const interrupted = interruptionsSql(dialect, ['user_id', 'team_id'], window);
  const sql = `
    WITH ${oncallMillisecondsSql(source, shiftTeams)},
    during AS (
      SELECT s.user_id, s.team_id, COUNT(DISTINCT f.id) AS incidents
      FROM oncall_shift_facts s
      JOIN incident_facts f ON f.team_id = s.team_id AND f.triggered_at >= s.start_at AND f.triggered_at < s.end_at
      WHERE f.triggered_at >= @since AND f.triggered_at < @until AND ${shiftTeams.sql}
      GROUP BY s.user_id, s.team_id
    ),
    interrupted AS (${interrupted.sql}),
    pairs AS (SELECT user_id, team_id FROM oncall UNION SELECT user_id, team_id FROM interrupted)
    SELECT p.user_id AS user_id, u.name AS user_name, p.team_id AS team_id, t.name AS team_name,
      ROUND(COALESCE(o.oncall_ms, 0) / 36000.0) / 100.0 AS oncall_hours,
      COALESCE(d.incidents, 0) AS incidents_during_shifts,
      ${interruptionColumnsSql('x')},
      COALESCE(x.interrupted_hours, 0) AS interrupted_hours
    FROM pairs p
    JOIN teams t ON t.id = p.team_id AND t.deleted_at IS NULL
    LEFT JOIN users u ON u.id = p.user_id
    LEFT JOIN oncall o ON o.user_id = p.user_id AND o.team_id = p.team_id
    LEFT JOIN during d ON d.user_id = p.user_id AND d.team_id = p.team_id
    LEFT JOIN interrupted x ON x.user_id = p.user_id AND x.team_id = p.team_id
    ORDER BY COALESCE(o.oncall_ms, 0) DESC, ${interruptionTotalSql('x')} DESC, u.name IS NULL, u.name, p.user_id, t.name, p.team_id`;
  return source.all<OncallLoadRow>(sql, { ...shiftTeams.params, ...interrupted.params });
}
