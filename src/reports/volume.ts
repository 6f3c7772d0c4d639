import { TEAM_INCIDENTS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

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

// Both periods are computed in incident_facts, where each store does its own date arithmetic.
const PERIOD_SQL: Record<VolumePeriod, string> = {
  day: 'f.triggered_day',
  week: 'f.triggered_week',
};

/** Incidents triggered per team and UTC day or ISO week; periods without incidents are absent. */
export function countIncidentVolume(source: ReportSource, window: ReportWindow & { by: VolumePeriod }): Promise<VolumeRow[]> {
  const inWindow = incidentFilter(source.dialect, window.teams, window);
  const sql = `
    SELECT ${PERIOD_SQL[window.by]} AS period, f.team_id AS team_id, MAX(f.team_name) AS team_name, COUNT(*) AS incidents
    FROM ${TEAM_INCIDENTS}
    WHERE ${inWindow.sql}
    GROUP BY period, f.team_id
    ORDER BY period, team_name, team_id`;
  return source.all<VolumeRow>(sql, inWindow.params);
}
