import type { ReportSource, ReportWindow } from './source.js';
import { titleCountRows } from './title-counts.js';

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

/**
 * The titles that triggered most often in the window, per team and service, most frequent first (ties: the most
 * recent, then by title and team).
 *
 * Titles are counted by their key (`title_key`), in groups as fine as titleCountRows reads them best, then added up
 * per team, service name and key (two services of a team may share a name). Only the groups that can make the list
 * (every group tied with the last place included, so ties still order by title) fetch their title and their first and
 * last instants, each from one row found through the index.
 */
export async function findNoisyIncidents(source: ReportSource, window: ReportWindow & { limit?: number }): Promise<NoisyRow[]> {
  const rows = await titleCountRows(source, window, 'f.team_id, f.service_name, f.title_key');
  const sql = `
    WITH counted AS (
      SELECT f.team_id AS team_id, f.service_name AS service_name, f.title_key AS title_key,
        COUNT(*) AS incidents, MIN(f.triggered_ms) AS first_ms, MAX(f.triggered_ms) AS last_ms
      FROM ${rows.sql}
      GROUP BY ${rows.groupBy}
    ),
    grouped AS (
      SELECT team_id, service_name, title_key, SUM(incidents) AS incidents, MIN(first_ms) AS first_ms, MAX(last_ms) AS last_ms
      FROM counted
      GROUP BY team_id, service_name, title_key
    ),
    ranked AS (SELECT g.*, RANK() OVER (ORDER BY g.incidents DESC, g.last_ms DESC) AS place FROM grouped g)
    SELECT
      (SELECT i.title FROM incidents i
        WHERE i.team_id = r.team_id AND i.triggered_ms = r.last_ms AND i.title_key = r.title_key AND ${LIVE_ROW}
          AND (i.service_name = r.service_name OR (i.service_name IS NULL AND r.service_name IS NULL))
        ORDER BY i.title LIMIT 1) AS title,
      r.service_name AS service_name, r.team_id AS team_id, t.name AS team_name, r.incidents AS incidents,
      ${instantAt('r.first_ms')} AS first_triggered_at,
      ${instantAt('r.last_ms')} AS last_triggered_at
    FROM ranked r JOIN teams t ON t.id = r.team_id
    WHERE r.place <= @limit
    ORDER BY incidents DESC, r.last_ms DESC, title, team_name
    LIMIT @limit`;
  return source.all<NoisyRow>(sql, { ...rows.params, limit: window.limit ?? NOISY_DEFAULT_LIMIT });
}

const LIVE_ROW = 'i.deleted_at IS NULL';

/** The stored `triggered_at` of the team's incident triggered at `ms` (one index lookup), as the report has always printed it. */
function instantAt(ms: string): string {
  return `(SELECT i.triggered_at FROM incidents i WHERE i.team_id = r.team_id AND i.triggered_ms = ${ms} AND ${LIVE_ROW} LIMIT 1)`;
}
