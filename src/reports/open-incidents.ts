import type { SqlDialect, SqlStatement } from '../db/index.js';
import { teamFilter, type ReportSource } from './source.js';

export type OpenIncidentRow = {
  team_id: string;
  team_name: string;
  counter_id: string | null;
  title: string;
  status_word: string;
  priority: string | null;
  severity: string | null;
  triggered_at: string;
  age_seconds: number;
};

export const OPEN_INCIDENT_COLUMNS = [
  'team_id',
  'team_name',
  'counter_id',
  'title',
  'status_word',
  'priority',
  'severity',
  'triggered_at',
  'age_seconds',
] as const satisfies readonly (keyof OpenIncidentRow)[];

export interface OpenIncidentOptions {
  /** The instant ages are measured to. */
  now: Date;
  teams?: readonly string[];
  limit?: number;
}

/**
 * Every incident not resolved now (triggered or acknowledged), oldest first. Not windowed: old open incidents matter most.
 */
export function listOpenIncidents(source: ReportSource, options: OpenIncidentOptions): Promise<OpenIncidentRow[]> {
  const { sql, params } = openIncidentsStatement(source.dialect, options);
  return source.all<OpenIncidentRow>(sql, params);
}

/**
 * listOpenIncidents in batches, read as they are written out: a large organisation has a hundred thousand open
 * incidents, which as one result held 290 MB and spent a third of the command collecting its garbage.
 */
export function openIncidentBatches(source: ReportSource, options: OpenIncidentOptions): AsyncIterable<OpenIncidentRow[]> {
  const { sql, params } = openIncidentsStatement(source.dialect, options);
  return source.batches<OpenIncidentRow>(sql, params);
}

/**
 * One statement, oldest first (ties by id). On SQLite, incidents_open_order_idx holds the open incidents alone with
 * every column listed here, so over a million incidents with 100,000 open it reads them in order from there: neither
 * the wide rows nor a sort. PostgreSQL has no such index (see docs/schema.md): it finds the open incidents through
 * another and sorts them.
 */
export function openIncidentsStatement(dialect: SqlDialect, options: OpenIncidentOptions): SqlStatement {
  const teams = teamFilter(dialect, 'f.team_id', options.teams);
  const limited = options.limit !== undefined;
  return {
    sql: `
      SELECT f.team_id AS team_id, f.team_name AS team_name, f.counter_id AS counter_id, f.title AS title,
        f.status_word AS status_word, f.priority AS priority, f.severity AS severity, f.triggered_at AS triggered_at,
        ROUND(${dialect.epochSeconds('@now')} - ${dialect.epochSeconds('f.triggered_at')}, 3) AS age_seconds
      FROM incident_facts f
      WHERE f.status IN ('NACK', 'ACK') AND ${teams.sql}
      ORDER BY f.triggered_at, f.id
      ${limited ? 'LIMIT @limit' : ''}`,
    params: { ...teams.params, now: options.now.toISOString(), ...(limited ? { limit: options.limit } : {}) },
  };
}
