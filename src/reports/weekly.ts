import { RESPONSE_TIME_COLUMNS, incidentStatsApart, percentileColumnsSql, type ResponseTimeStats } from './incident-stats.js';
import { incidentFilter, type ReportSource, type ReportWindow } from './source.js';

export type WeeklyRow = ResponseTimeStats & {
  /** The Monday (UTC date, YYYY-MM-DD) starting the ISO week, as in `volume --by week`. */
  week: string;
  team_id: string;
  team_name: string;
};

export const WEEKLY_COLUMNS = ['week', 'team_id', 'team_name', ...RESPONSE_TIME_COLUMNS] as const satisfies readonly (keyof WeeklyRow)[];

/**
 * `summary`'s statistics per team and ISO week of the incidents triggered in the window (the same percentile
 * definitions, through incidentStatsSql); weeks without incidents are absent.
 */
export function measureWeeklyResponseTimes(source: ReportSource, window: ReportWindow): Promise<WeeklyRow[]> {
  const inWindow = incidentFilter(source.dialect, window.teams, window);
  const query = { keys: ['team_id', 'triggered_week'], labels: ['team_name'], where: inWindow.sql };
  const select = (percentiles: readonly string[]) => `
    SELECT triggered_week AS week, team_id, team_name, incidents, acknowledged, resolved${percentileColumnsSql('stats', percentiles)}
    FROM stats
    ORDER BY week, team_name, team_id`;
  return incidentStatsApart<WeeklyRow>(source, query, select, inWindow.params, ['team_id', 'week']);
}
