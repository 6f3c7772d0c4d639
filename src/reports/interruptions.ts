import type { SqlDialect } from '../db/index.js';
import { teamFilter, type Filter, type ReportWindow } from './source.js';

/** The classes an activity-log notification that reached a person is put in when it is written. */
export const INTERRUPTION_CLASSES = ['business', 'off_hours', 'sleep'] as const;

export type InterruptionCounts = {
  interruptions_business: number;
  interruptions_off_hours: number;
  interruptions_sleep: number;
};

export const INTERRUPTION_COLUMNS = INTERRUPTION_CLASSES.map((c) => `interruptions_${c}` as const) satisfies readonly (keyof InterruptionCounts)[];

/** The interruption counts of a grouped row `alias`, zero where it has none, as report columns. */
export function interruptionColumnsSql(alias: string): string {
  return INTERRUPTION_COLUMNS.map((c) => `COALESCE(${alias}.${c}, 0) AS ${c}`).join(', ');
}

/** Their sum, for ordering. */
export function interruptionTotalSql(alias: string): string {
  return INTERRUPTION_COLUMNS.map((c) => `COALESCE(${alias}.${c}, 0)`).join(' + ');
}

/**
 * Interruptions per `keys` (incident_event_facts columns): events created in the window that interrupted a
 * known person, of incidents of the chosen teams, counted per class, with the distinct UTC clock hours they fell in.
 */
export function interruptionsSql(dialect: SqlDialect, keys: readonly string[], window: ReportWindow): Filter {
  const teams = teamFilter(dialect, 'e.team_id', window.teams, 'event_teams');
  const counts = INTERRUPTION_CLASSES.map((c) => `SUM(CASE WHEN e.interruption = '${c}' THEN 1 ELSE 0 END) AS interruptions_${c}`);
  const sql = `
      SELECT ${keys.map((k) => `e.${k} AS ${k}`).join(', ')}, ${counts.join(', ')}, COUNT(DISTINCT e.created_hour) AS interrupted_hours
      FROM incident_event_facts e
      WHERE e.interruption IN (${INTERRUPTION_CLASSES.map((c) => `'${c}'`).join(', ')}) AND e.user_id IS NOT NULL
        AND e.created_at >= @since AND e.created_at < @until AND ${teams.sql}
      GROUP BY ${keys.map((k) => `e.${k}`).join(', ')}`;
  return { sql, params: { ...teams.params, since: window.since.toISOString(), until: window.until.toISOString() } };
}
