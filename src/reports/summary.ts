import { RESPONSE_TIME_COLUMNS, incidentStatsApart, orderedWhenWide, percentileColumnsSql, type ResponseTimeStats } from './incident-stats.js';
import { incidentFilter, teamFilter, type ReportSource, type ReportWindow } from './source.js';

export type SummaryRow = ResponseTimeStats & {
  team_id: string;
  team_name: string;
  open: number;
};

// `open` sits after the count of incidents, before the acknowledged and resolved populations.
const [INCIDENTS, ...AFTER_OPEN] = RESPONSE_TIME_COLUMNS;
export const SUMMARY_COLUMNS = ['team_id', 'team_name', INCIDENTS, 'open', ...AFTER_OPEN] as const satisfies readonly (keyof SummaryRow)[];

/** Per live team (quiet ones included, with zeros): volume and MTTA/MTTR of the incidents triggered in the window. */
export async function summarizeTeams(source: ReportSource, window: ReportWindow): Promise<SummaryRow[]> {
  const { dialect } = source;
  const inWindow = incidentFilter(dialect, window.teams, window);
  const teams = teamFilter(dialect, 'lt.id', window.teams, 'live_teams');
  const ordered = await orderedWhenWide(source, inWindow, window);
  const select = (percentiles: readonly string[]) => `
    SELECT lt.id AS team_id, lt.name AS team_name,
      COALESCE(s.incidents, 0) AS incidents,
      COALESCE(s.open, 0) AS open,
      COALESCE(s.acknowledged, 0) AS acknowledged,
      COALESCE(s.resolved, 0) AS resolved${percentileColumnsSql('s', percentiles)}
    FROM teams lt
    LEFT JOIN stats s ON s.team_id = lt.id
    WHERE lt.deleted_at IS NULL AND ${teams.sql}
    ORDER BY lt.name, lt.id`;
  return incidentStatsApart<SummaryRow>(source, { keys: ['team_id'], where: inWindow.sql, ordered }, select, { ...inWindow.params, ...teams.params });
}
