import { DAY_MS } from '../lib/duration.js';
import { LIVE_INCIDENT, TEAM_INCIDENT_ROWS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

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


/**
 * Each period as a number of whole days counted from a first one: UTC days from 1970-01-01, ISO weeks from Monday
 * 1970-01-05 (UTC has no daylight saving, so every week is seven whole days).
 */
const PERIODS: Record<VolumePeriod, { days: number; firstDay: number }> = {
  day: { days: 1, firstDay: 0 },
  week: { days: 7, firstDay: 4 },
};

/**
 * Incidents triggered per team and UTC day or ISO week; periods without incidents are absent.
 *
 * Periods are numbered from `triggered_ms`, in incidents_team_report_idx, and written as dates only once counted:
 * the count reads that index alone, not the wide rows whose text instants a date would otherwise be cut from.
 */
export function countIncidentVolume(source: ReportSource, window: ReportWindow & { by: VolumePeriod }): Promise<VolumeRow[]> {
  const { dialect } = source;
  const period = PERIODS[window.by];
  const inWindow = incidentFilter(dialect, window.teams, window);
  const size = period.days * DAY_MS;
  const sinceFirst = `(f.triggered_ms - ${period.firstDay * DAY_MS})`;
  // Floor division on both stores, whose `/` and `%` truncate towards zero: an instant before the first period too.
  const periodNo = `(${sinceFirst} - ((${sinceFirst} % ${size}) + ${size}) % ${size}) / ${size}`;
  const sql = `
    WITH counted AS (
      SELECT ${periodNo} AS period_no, t.id AS team_id, MAX(t.name) AS team_name, COUNT(*) AS incidents
      FROM ${TEAM_INCIDENT_ROWS}
      WHERE ${inWindow.sql} AND ${LIVE_INCIDENT}
      GROUP BY t.id, period_no
    )
    SELECT ${dialect.epochDay(`period_no * ${period.days} + ${period.firstDay}`)} AS period, team_id, team_name, incidents
    FROM counted
    ORDER BY period_no, team_name, team_id`;
  return source.all<VolumeRow>(sql, inWindow.params);
}
