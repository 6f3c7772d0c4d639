import { ANY_INCIDENTS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

export type NoisyRow = {
  title: string;
  service_name: string | null;
  team_id: string;
  team_name: string;
  incidents: number;
  first_triggered_at: string;
  last_triggered_at: string;
};

export const NOISY_COLUMNS = [
  'title',
  'service_name',
  'team_id',
  'team_name',
  'incidents',
  'first_triggered_at',
  'last_triggered_at',
] as const satisfies readonly (keyof NoisyRow)[];

export const NOISY_DEFAULT_LIMIT = 20;

/** The titles that triggered most often in the window, per team and service, most frequent first. */
export function findNoisyIncidents(source: ReportSource, window: ReportWindow & { limit?: number }): Promise<NoisyRow[]> {
  const inWindow = incidentFilter(source.dialect, window.teams, window);
  const sql = `
    SELECT f.title AS title, f.service_name AS service_name, f.team_id AS team_id, MAX(f.team_name) AS team_name,
      COUNT(*) AS incidents, MIN(f.triggered_at) AS first_triggered_at, MAX(f.triggered_at) AS last_triggered_at
    FROM ${ANY_INCIDENTS}
    WHERE ${inWindow.sql}
    GROUP BY f.title, f.service_name, f.team_id
    ORDER BY incidents DESC, last_triggered_at DESC, title, team_name
    LIMIT @limit`;
  return source.all<NoisyRow>(sql, { ...inWindow.params, limit: window.limit ?? NOISY_DEFAULT_LIMIT });
}
