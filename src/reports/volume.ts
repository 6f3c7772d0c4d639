import { TEAM_INCIDENTS, handleOf, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

export const VOLUME_PERIODS = ['day', 'week'] as const;
export type VolumePeriod = (typeof VOLUME_PERIODS)[number];

export type VolumeRow = {
  /** UTC day, or the Monday starting the ISO week, as YYYY-MM-DD. */
  period: string;
  team_id: string;
  team_name: string;
  incidents: number;
};

export const VOLUME_COLUMNS = ['period', 'team_id', 'team_name', 'incidents'] as const satisfies readonly (keyof VolumeRow)[];

// Back six days, then forward to the next Monday: lands on the Monday of the ISO week, Mondays included.
const PERIOD_SQL: Record<VolumePeriod, string> = {
  day: 'f.triggered_day',
  week: "date(f.triggered_day, '-6 days', 'weekday 1')",
};

/** Incidents triggered per team and UTC day or ISO week; periods without incidents are absent. */
export function countIncidentVolume(source: ReportSource, window: ReportWindow & { by: VolumePeriod }): VolumeRow[] {
  const inWindow = incidentFilter(window.teams, window);
  const sql = `
    SELECT ${PERIOD_SQL[window.by]} AS period, f.team_id AS team_id, MAX(f.team_name) AS team_name, COUNT(*) AS incidents
    FROM ${TEAM_INCIDENTS}
    WHERE ${inWindow.sql}
    GROUP BY period, f.team_id
    ORDER BY period, team_name, team_id`;
  return handleOf(source).prepare(sql).all(inWindow.params) as VolumeRow[];
}
