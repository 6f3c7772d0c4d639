import { incidentStatsApart, orderedWhenWide, percentileColumnsSql } from './incident-stats.js';
import { incidentFilter, teamFilter, type ReportSource } from './source.js';

export type TeamOverviewRow = {
  team_id: string;
  team_name: string;
  users: number;
  schedules: number;
  incidents: number;
  triggered: number;
  acknowledged: number;
  resolved: number;
  mtta_p50_seconds: number | null;
  mttr_p50_seconds: number | null;
};

export const TEAM_OVERVIEW_COLUMNS = [
  'team_id',
  'team_name',
  'users',
  'schedules',
  'incidents',
  'triggered',
  'acknowledged',
  'resolved',
  'mtta_p50_seconds',
  'mttr_p50_seconds',
] as const satisfies readonly (keyof TeamOverviewRow)[];

/**
 * What the store holds per live team, over all time: members, schedules, incidents by current
 * status (triggered + acknowledged + resolved = incidents) and median response times.
 */
export async function overviewTeams(source: ReportSource, options: { teams?: readonly string[] } = {}): Promise<TeamOverviewRow[]> {
  const { dialect } = source;
  const incidentTeams = incidentFilter(dialect, options.teams);
  const liveTeams = teamFilter(dialect, 'lt.id', options.teams, 'live_teams');
  const ordered = await orderedWhenWide(source, incidentTeams);
  const query = { keys: ['team_id'], where: incidentTeams.sql, ordered, byStatus: true, percentiles: ['mtta_p50_seconds', 'mttr_p50_seconds'] as const };
  const select = (percentiles: readonly string[]) => `
    SELECT lt.id AS team_id, lt.name AS team_name,
      (SELECT COUNT(*) FROM team_members m WHERE m.team_id = lt.id AND m.deleted_at IS NULL) AS users,
      (SELECT COUNT(*) FROM oncall_schedules o WHERE o.team_id = lt.id AND o.deleted_at IS NULL) AS schedules,
      COALESCE(s.incidents, 0) AS incidents,
      COALESCE(s.status_nack, 0) AS triggered,
      COALESCE(s.status_ack, 0) AS acknowledged,
      COALESCE(s.status_res, 0) AS resolved${percentileColumnsSql('s', percentiles)}
    FROM teams lt
    LEFT JOIN stats s ON s.team_id = lt.id
    WHERE lt.deleted_at IS NULL AND ${liveTeams.sql}
    ORDER BY lt.name, lt.id`;
  return incidentStatsApart<TeamOverviewRow>(source, query, select, { ...incidentTeams.params, ...liveTeams.params });
}
