import type { Store } from '../db/index.js';

/** The better-sqlite3 handle, named through the store so reports never import the driver. */
export type SqliteHandle = Store['sqlite'];

/** Reports read either an open store or its raw SQLite handle. */
export type ReportSource = Store | SqliteHandle;

export type ReportValue = string | number | null;

/** One report line: snake_case keys, numbers for counts and seconds, null where there is no value. */
export type ReportRow = Record<string, ReportValue>;

/** Incidents whose `triggered_at` is in [since, until), optionally of some teams only. */
export interface ReportWindow {
  since: Date;
  until: Date;
  teams?: readonly string[];
}

export function handleOf(source: ReportSource): SqliteHandle {
  return 'sqlite' in source ? source.sqlite : source;
}

export interface Filter {
  sql: string;
  params: Record<string, string>;
}

/** Restricts `column` to the chosen teams; no condition when every team is wanted. */
export function teamFilter(column: string, teams: readonly string[] | undefined): Filter {
  if (!teams || teams.length === 0) return { sql: '1 = 1', params: {} };
  return { sql: `${column} IN (SELECT value FROM json_each(@teams))`, params: { teams: JSON.stringify(teams) } };
}

/**
 * Where reports read incidents from: `t` is the live team, `f` its incident_facts row; pair either
 * with `incidentFilter`. SQLite keeps the order of a CROSS JOIN, so TEAM_INCIDENTS walks each team's
 * range of the (team_id, triggered_at, ...) indexes: grouping by team needs no sort, and the
 * statistics read only incidents_team_facts_idx, never the wide rows with their raw JSON.
 * ANY_INCIDENTS lets the planner choose, which for columns outside that index (title, priority,
 * service) means one pass over the time index in the order rows were written. PostgreSQL reads
 * both as a plain join.
 */
export const TEAM_INCIDENTS = 'teams t CROSS JOIN incident_facts f';
export const ANY_INCIDENTS = 'teams t JOIN incident_facts f';

/**
 * Joins the team to its incidents and selects incidents of the chosen teams, triggered in the window if one
 * is given. Timestamps are stored as `toISOString()` text, so comparing text compares instants.
 */
export function incidentFilter(teams: readonly string[] | undefined, window?: { since: Date; until: Date }): Filter {
  const chosen = teamFilter('t.id', teams);
  const conditions = ['f.team_id = t.id', 't.deleted_at IS NULL', chosen.sql];
  if (!window) return { sql: conditions.join(' AND '), params: chosen.params };
  conditions.push('f.triggered_at >= @since', 'f.triggered_at < @until');
  return {
    sql: conditions.join(' AND '),
    params: { ...chosen.params, since: window.since.toISOString(), until: window.until.toISOString() },
  };
}
