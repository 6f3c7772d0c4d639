import type { SqlDialect, SqlReader, SqlValue } from '../db/index.js';

/** Reports read the store through its read-only SQL reader. */
export type ReportSource = SqlReader;

export type ReportValue = SqlValue;

/** One report line: snake_case keys, numbers for counts and seconds, null where there is no value. */
export type ReportRow = Record<string, ReportValue>;

/** Incidents whose `triggered_at` is in [since, until), optionally of some teams only. */
export interface ReportWindow {
  since: Date;
  until: Date;
  teams?: readonly string[];
}

export interface Filter {
  sql: string;
  params: Record<string, unknown>;
}

/** Restricts `column` to the chosen teams; no condition when every team is wanted. */
export function teamFilter(dialect: SqlDialect, column: string, teams: readonly string[] | undefined, param = 'teams'): Filter {
  if (!teams || teams.length === 0) return { sql: '1 = 1', params: {} };
  return dialect.inList(column, param, teams);
}

/**
 * Where reports read incidents from: `t` is the live team, `f` its incident_facts row; pair either
 * with `incidentFilter`. SQLite keeps the order of a CROSS JOIN, so TEAM_INCIDENTS walks each team's
 * range of incidents_team_report_idx (team_id, triggered_ms, ...): grouping by team needs no sort, and the
 * statistics read only that index, never the wide rows with their raw JSON.
 * ANY_INCIDENTS lets the planner choose, which for columns outside that index (title, priority,
 * service) means one pass over the time index in the order rows were written. PostgreSQL reads
 * both as a plain join.
 */
export const TEAM_INCIDENTS = 'teams t CROSS JOIN incident_facts f';
export const ANY_INCIDENTS = 'teams t JOIN incident_facts f ON f.team_id = t.id';

/**
 * TEAM_INCIDENTS over the incidents table itself, for reads of its stored columns only, with `LIVE_INCIDENT` among
 * the conditions: the view's own join to the team is then not made once per incident, the outer one does its work.
 * Every column a statistic groups by is in incidents_team_report_idx, so such a read never touches the wide rows.
 */
export const TEAM_INCIDENT_ROWS = 'teams t CROSS JOIN incidents f';
export const LIVE_INCIDENT = 'f.deleted_at IS NULL';

/**
 * Incidents `f` of the chosen live teams, as a list for `f.team_id`: without the team as the outer loop of a join, SQLite
 * can read `f` through an index in that index's order, and so group by its columns without a sort.
 */
export function ofLiveTeams(dialect: SqlDialect, teams: readonly string[] | undefined): Filter {
  const chosen = teamFilter(dialect, 't.id', teams);
  return { sql: `f.team_id IN (SELECT t.id FROM teams t WHERE t.deleted_at IS NULL AND ${chosen.sql})`, params: chosen.params };
}

/** An `incidentFilter`: its whole condition, and the window's part alone (over `f`, for reads without the team join). */
export interface IncidentFilter extends Filter {
  window: string;
}

/**
 * Joins the team to its incidents and selects incidents of the chosen teams, triggered in the window if one
 * is given. The window compares epoch milliseconds (`triggered_ms`), the column the report index is ordered by;
 * `@since` and `@until` are also bound as ISO-8601 text for conditions on other instants.
 */
export function incidentFilter(dialect: SqlDialect, teams: readonly string[] | undefined, window?: { since: Date; until: Date }): IncidentFilter {
  const chosen = teamFilter(dialect, 't.id', teams);
  const conditions = ['f.team_id = t.id', 't.deleted_at IS NULL', chosen.sql];
  if (!window) return { sql: conditions.join(' AND '), window: '1 = 1', params: chosen.params };
  const inWindow = 'f.triggered_ms >= @sinceMs AND f.triggered_ms < @untilMs';
  return {
    sql: [...conditions, inWindow].join(' AND '),
    window: inWindow,
    params: { ...chosen.params, since: window.since.toISOString(), until: window.until.toISOString(), sinceMs: window.since.getTime(), untilMs: window.until.getTime() },
  };
}
