import { RESPONSE_TIME_COLUMNS, incidentStatsApart, orderedWhenWide, type ResponseTimeStats } from './incident-stats.js';
import { incidentFilter, type ReportSource, type ReportValue, type ReportWindow } from './source.js';

export const MTTA_MTTR_GROUPINGS = ['team', 'priority', 'severity', 'service'] as const;
export type MttaMttrGrouping = (typeof MTTA_MTTR_GROUPINGS)[number];

/** The statistics, after the group's columns: team_id + team_name, priority, severity, or service_id + service_name. */
export type MttaMttrRow = { [group: string]: ReportValue } & ResponseTimeStats;

const GROUPS: Record<MttaMttrGrouping, { keys: string[]; labels: string[]; order: string }> = {
  team: { keys: ['team_id'], labels: ['team_name'], order: 'team_name, team_id' },
  priority: { keys: ['priority'], labels: [], order: 'priority IS NULL, priority' },
  severity: { keys: ['severity'], labels: [], order: 'severity IS NULL, severity' },
  // A service renamed in Spike stays one group (keyed by id), labelled with the greatest of its names.
  service: { keys: ['service_id'], labels: ['service_name'], order: 'service_id IS NULL, service_name, service_id' },
};

export function mttaMttrColumns(by: MttaMttrGrouping): string[] {
  const group = GROUPS[by];
  return [...group.keys, ...group.labels, ...RESPONSE_TIME_COLUMNS];
}

/** MTTA/MTTR percentiles of the incidents triggered in the window, per team, priority, severity or service. */
export async function measureResponseTimes(source: ReportSource, window: ReportWindow & { by: MttaMttrGrouping }): Promise<MttaMttrRow[]> {
  const group = GROUPS[window.by];
  const inWindow = incidentFilter(source.dialect, window.teams, window);
  const columns = mttaMttrColumns(window.by);
  const ordered = window.by === 'team' ? await orderedWhenWide(source, inWindow, window) : undefined;
  const query = { keys: group.keys, labels: group.labels, where: inWindow.sql, ordered };
  const rows = await incidentStatsApart<Record<string, ReportValue>>(source, query, () => `SELECT * FROM stats ORDER BY ${group.order}`, inWindow.params);
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c] ?? null])) as MttaMttrRow);
}
