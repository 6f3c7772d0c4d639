import { teamFilter, type ReportSource } from './source.js';

export type FreshnessRow = {
  team_id: string;
  team_name: string;
  /** The oldest last success of the streams every run reads for the team; null if one never succeeded. */
  last_success_at: string | null;
  age_seconds: number | null;
};

/** The `sync_freshness` view for the chosen live teams, by name. */
export function readFreshness(source: ReportSource, teams?: readonly string[]): Promise<FreshnessRow[]> {
  const chosen = teamFilter(source.dialect, 'team_id', teams);
  const sql = `
    SELECT team_id, team_name, last_success_at, age_seconds
    FROM sync_freshness
    WHERE ${chosen.sql}
    ORDER BY team_name, team_id`;
  return source.all<FreshnessRow>(sql, chosen.params);
}
