import { TEAM_INCIDENTS, incidentFilter, type ReportSource } from './source.js';

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

/** Every incident not resolved now (triggered or acknowledged), oldest first. Not windowed: old open incidents matter most. */
export function listOpenIncidents(source: ReportSource, options: OpenIncidentOptions): Promise<OpenIncidentRow[]> {
  const { dialect } = source;
  const teams = incidentFilter(dialect, options.teams);
  const sql = `
    SELECT f.team_id AS team_id, f.team_name AS team_name, f.counter_id AS counter_id, f.title AS title,
      f.status_word AS status_word, f.priority AS priority, f.severity AS severity, f.triggered_at AS triggered_at,
      ROUND(${dialect.epochSeconds('@now')} - ${dialect.epochSeconds('f.triggered_at')}, 3) AS age_seconds
    FROM ${TEAM_INCIDENTS}
    WHERE f.status IN ('NACK', 'ACK') AND ${teams.sql}
    ORDER BY f.triggered_at, f.id
    ${options.limit === undefined ? '' : 'LIMIT @limit'}`;
  const params = { ...teams.params, now: options.now.toISOString(), ...(options.limit === undefined ? {} : { limit: options.limit }) };
  return source.all<OpenIncidentRow>(sql, params);
}
