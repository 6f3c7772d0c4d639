import { compareText } from '../lib/text-order.js';
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

/**
 * Every incident not resolved now (triggered or acknowledged), oldest first. Not windowed: old open incidents matter most.
 * The triggered and the acknowledged ones are two statements asked for together, each in order, merged here in the
 * order one statement would give (triggered_at, then id, as the stores compare text): over a million incidents each
 * reads some 50,000 wide rows, and together they end sooner.
 */
export async function listOpenIncidents(source: ReportSource, options: OpenIncidentOptions): Promise<OpenIncidentRow[]> {
  const { dialect } = source;
  const teams = incidentFilter(dialect, options.teams);
  const statement = (status: 'NACK' | 'ACK') => `
    SELECT f.id AS id, f.team_id AS team_id, f.team_name AS team_name, f.counter_id AS counter_id, f.title AS title,
      f.status_word AS status_word, f.priority AS priority, f.severity AS severity, f.triggered_at AS triggered_at,
      ROUND(${dialect.epochSeconds('@now')} - ${dialect.epochSeconds('f.triggered_at')}, 3) AS age_seconds
    FROM ${TEAM_INCIDENTS}
    WHERE f.status = '${status}' AND ${teams.sql}
    ORDER BY f.triggered_at, f.id
    ${options.limit === undefined ? '' : 'LIMIT @limit'}`;
  const params = { ...teams.params, now: options.now.toISOString(), ...(options.limit === undefined ? {} : { limit: options.limit }) };
  type Listed = OpenIncidentRow & { id: string };
  const [triggered, acknowledged] = await Promise.all([source.all<Listed>(statement('NACK'), params), source.all<Listed>(statement('ACK'), params)]);
  const merged = mergeInOrder(triggered, acknowledged, (a, b) => compareText(a.triggered_at, b.triggered_at) || compareText(a.id, b.id));
  return merged.slice(0, options.limit ?? merged.length).map(({ id: _id, ...row }) => row);
}

/** Two lists each in `order`, as one list in that order. */
function mergeInOrder<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}
