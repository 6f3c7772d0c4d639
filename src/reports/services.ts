import { RESPONSE_TIME_COLUMNS, incidentStatsSql, type ResponseTimeStats } from './incident-stats.js';
import { ANY_INCIDENTS, incidentFilter, teamFilter, type ReportSource, type ReportWindow } from './source.js';

export type ServiceRow = ResponseTimeStats & {
  service_id: string;
  service_name: string;
  team_id: string;
  team_name: string;
  open: number;
  noisiest_title: string | null;
};

const [INCIDENTS, ...AFTER_OPEN] = RESPONSE_TIME_COLUMNS;
export const SERVICE_COLUMNS = [
  'service_id',
  'service_name',
  'team_id',
  'team_name',
  INCIDENTS,
  'open',
  ...AFTER_OPEN,
  'noisiest_title',
] as const satisfies readonly (keyof ServiceRow)[];

/**
 * Per live service of a live team (quiet ones included, with zeros): the incidents triggered in the window
 * that name it (incidents.service_id, whatever the incident's team), their MTTA/MTTR, and the title that
 * triggered most often among them (ties: the most recent, then the first by text). `--team` picks the
 * service's team. Busiest first.
 */
export function reportServices(source: ReportSource, window: ReportWindow): Promise<ServiceRow[]> {
  const { dialect } = source;
  const inWindow = incidentFilter(dialect, undefined, window);
  const named = `${inWindow.sql} AND f.service_id IS NOT NULL`;
  const services = teamFilter(dialect, 'sv.team_id', window.teams, 'service_teams');
  const sql = `
    WITH stats AS (${incidentStatsSql(dialect, { keys: ['service_id'], where: named })}),
    titles AS (
      SELECT f.service_id AS service_id, f.title AS title,
        ROW_NUMBER() OVER (PARTITION BY f.service_id ORDER BY COUNT(*) DESC, MAX(f.triggered_at) DESC, f.title) AS place
      FROM ${ANY_INCIDENTS}
      WHERE ${named}
      GROUP BY f.service_id, f.title
    )
    SELECT sv.id AS service_id, sv.name AS service_name, sv.team_id AS team_id, lt.name AS team_name,
      COALESCE(s.incidents, 0) AS incidents,
      COALESCE(s.open, 0) AS open,
      COALESCE(s.acknowledged, 0) AS acknowledged,
      COALESCE(s.resolved, 0) AS resolved,
      s.mtta_p50_seconds, s.mtta_p90_seconds, s.mttr_p50_seconds, s.mttr_p90_seconds,
      n.title AS noisiest_title
    FROM services sv
    JOIN teams lt ON lt.id = sv.team_id AND lt.deleted_at IS NULL
    LEFT JOIN stats s ON s.service_id = sv.id
    LEFT JOIN titles n ON n.service_id = sv.id AND n.place = 1
    WHERE sv.deleted_at IS NULL AND ${services.sql}
    ORDER BY incidents DESC, team_name, service_name, service_id`;
  return source.all<ServiceRow>(sql, { ...inWindow.params, ...services.params });
}
