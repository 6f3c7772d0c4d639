import { titleCountRows, type TitleCountRows } from './title-counts.js';
import { RESPONSE_TIME_COLUMNS, incidentStatsApart, percentileColumnsSql, type ResponseTimeStats } from './incident-stats.js';
import { incidentFilter, teamFilter, type ReportSource, type ReportWindow } from './source.js';

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
 * triggered most often among them (ties: the most recent, then the first by text). `--team` picks the service's team.
 * Busiest first.
 *
 * Three statements, asked for together so that a store runs them at once: the statistics, one per duration (see
 * incidentStatsApart), and the noisiest titles. Over a million incidents on SQLite the statistics took 1.7 s as one
 * statement, about 1.0 s each as two, and the titles 0.4 s: as a process, 1.95-2.18 s before the split, 1.53-1.69 s
 * after.
 */
export async function reportServices(source: ReportSource, window: ReportWindow): Promise<ServiceRow[]> {
  const { dialect } = source;
  const inWindow = incidentFilter(dialect, undefined, window);
  const named = `${inWindow.sql} AND f.service_id IS NOT NULL`;
  const services = teamFilter(dialect, 'sv.team_id', window.teams, 'service_teams');
  const select = (percentiles: readonly string[]) => `
    SELECT sv.id AS service_id, sv.name AS service_name, sv.team_id AS team_id, lt.name AS team_name,
      COALESCE(s.incidents, 0) AS incidents,
      COALESCE(s.open, 0) AS open,
      COALESCE(s.acknowledged, 0) AS acknowledged,
      COALESCE(s.resolved, 0) AS resolved${percentileColumnsSql('s', percentiles)}
    FROM services sv
    JOIN teams lt ON lt.id = sv.team_id AND lt.deleted_at IS NULL
    LEFT JOIN stats s ON s.service_id = sv.id
    WHERE sv.deleted_at IS NULL AND ${services.sql}
    ORDER BY incidents DESC, team_name, service_name, service_id`;
  const [rows, titles] = await Promise.all([
    incidentStatsApart<Omit<ServiceRow, 'noisiest_title'>>(source, { keys: ['service_id'], where: named }, select, { ...inWindow.params, ...services.params }),
    titleCountRows(source, { since: window.since, until: window.until }, 'f.service_id, f.title_key').then((titleRows) =>
      source.all<{ service_id: string; title: string | null }>(noisiestTitlesSql(titleRows), titleRows.params),
    ),
  ]);
  const noisiest = new Map(titles.map((t) => [t.service_id, t.title]));
  return rows.map((row) => ({ ...row, noisiest_title: noisiest.get(row.service_id) ?? null }));
}

/**
 * Each service's most triggered title among `rows` (see titleCountRows; ties: the most recent, then the first by
 * text). Titles are counted by their key (`title_key`), in groups as fine as `rows` reads them best, then added up
 * per service and key. The text is then the title of the most recent incident with the leading key
 * (the first by text if several triggered in the same millisecond), found through the (team, time) index team by team.
 */
function noisiestTitlesSql(rows: TitleCountRows): string {
  return `
    WITH counted AS (
      SELECT f.service_id AS service_id, f.title_key AS title_key, COUNT(*) AS incidents, MAX(f.triggered_ms) AS last_ms
      FROM ${rows.sql} AND f.service_id IS NOT NULL
      GROUP BY ${rows.groupBy}
    ),
    per_title AS (
      SELECT service_id, title_key, SUM(incidents) AS incidents, MAX(last_ms) AS last_ms
      FROM counted
      GROUP BY service_id, title_key
    ),
    ranked AS (
      SELECT service_id, title_key, last_ms, RANK() OVER (PARTITION BY service_id ORDER BY incidents DESC, last_ms DESC) AS place
      FROM per_title
    )
    SELECT r.service_id AS service_id, MIN((
      SELECT i.title FROM teams it CROSS JOIN incidents i
      WHERE i.team_id = it.id AND it.deleted_at IS NULL AND i.triggered_ms = r.last_ms
        AND i.service_id = r.service_id AND i.title_key = r.title_key AND i.deleted_at IS NULL
      ORDER BY i.title LIMIT 1)) AS title
    FROM ranked r
    WHERE r.place = 1
    GROUP BY r.service_id`;
}
