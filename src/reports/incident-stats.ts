import type { SqlDialect } from '../db/index.js';
import { ANY_INCIDENTS, TEAM_INCIDENTS } from './source.js';

/**
 * Counts and MTTA/MTTR percentiles per group of incidents.
 *
 * p50 is the median (the mean of the two middle values for an even count), p90 nearest-rank (the
 * ceil(0.9 n)-th smallest value); the dialect writes both for its store. Durations are whole
 * milliseconds, so a median ends in at most half of one; rounding it to 0.1 ms drops the float
 * noise of the interpolation.
 *
 * Groups by team read TEAM_INCIDENTS, whose per-team scan stays inside incidents_team_facts_idx.
 */
/** The counts and MTTA/MTTR percentiles every statistics report carries, in seconds (null without values). */
export type ResponseTimeStats = {
  incidents: number;
  acknowledged: number;
  resolved: number;
  mtta_p50_seconds: number | null;
  mtta_p90_seconds: number | null;
  mttr_p50_seconds: number | null;
  mttr_p90_seconds: number | null;
};

/** The columns of ResponseTimeStats, in the order every statistics report prints them. */
export const RESPONSE_TIME_COLUMNS = [
  'incidents',
  'acknowledged',
  'resolved',
  'mtta_p50_seconds',
  'mtta_p90_seconds',
  'mttr_p50_seconds',
  'mttr_p90_seconds',
] as const satisfies readonly (keyof ResponseTimeStats)[];

export interface StatsQuery {
  /** incident_facts columns that form a group. */
  keys: readonly string[];
  /** Descriptive columns that follow a key (e.g. service_name for service_id), reported as MAX. */
  labels?: readonly string[];
  /** An `incidentFilter` condition selecting the incidents. */
  where: string;
  /**
   * Incidents read from more than incident_facts: the FROM (still naming the facts `f` and the team `t`) and
   * the expressions of the keys it provides, such as a person's id from `incidents`.
   */
  from?: { sql: string; columns: Readonly<Record<string, string>> };
}

// Team columns read from the outer teams scan, which runs in primary-key order: grouping by team then needs no sort.
const TEAM_COLUMNS: Record<string, string> = { team_id: 't.id', team_name: 't.name' };

// Counts read the raw columns rather than seconds_to_*: same rows (a duration is null exactly when its
// timestamp is, or the incident is not resolved), without computing each duration once more.
const RESOLVED_COUNT = "SUM(CASE WHEN status = 'RES' AND resolved_at IS NOT NULL THEN 1 ELSE 0 END)";

/**
 * Columns produced: the keys and labels, incidents, open (not resolved now), acknowledged (ever),
 * resolved, status_nack / status_ack / status_res (by current status), mtta_p50_seconds,
 * mtta_p90_seconds, mttr_p50_seconds, mttr_p90_seconds.
 */
export function incidentStatsSql(dialect: SqlDialect, query: StatsQuery): string {
  const labels = query.labels ?? [];
  const keys = query.keys.map((k) => `p.${k}`).join(', ');
  const sameGroup = query.keys.map((k) => dialect.sameValue(`n.${k}`, `p.${k}`)).join(' AND ');
  const columns = [...query.keys, ...labels, 'status', 'acknowledged_at', 'resolved_at', 'seconds_to_ack', 'seconds_to_resolve'];
  // The group sizes, for a dialect whose p90 needs them (a second pass over the picked rows, joined back).
  const sizes = `,
    sizes AS (
      SELECT ${query.keys.join(', ')}, COUNT(acknowledged_at) AS ack_n, ${RESOLVED_COUNT} AS res_n
      FROM picked
      GROUP BY ${query.keys.join(', ')}
    )`;
  return `
    WITH picked AS (
      SELECT ${columns.map((c) => `${query.from?.columns[c] ?? TEAM_COLUMNS[c] ?? `f.${c}`} AS ${c}`).join(', ')}
      FROM ${query.from?.sql ?? (query.keys[0] === 'team_id' ? TEAM_INCIDENTS : ANY_INCIDENTS)}
      WHERE ${query.where}
    )${dialect.p90ReadsCount ? sizes : ''}
    SELECT ${keys}, ${labels.map((l) => `MAX(p.${l}) AS ${l}, `).join('')}
      COUNT(*) AS incidents,
      SUM(CASE WHEN p.status <> 'RES' THEN 1 ELSE 0 END) AS open,
      COUNT(p.acknowledged_at) AS acknowledged,
      ${RESOLVED_COUNT} AS resolved,
      SUM(CASE WHEN p.status = 'NACK' THEN 1 ELSE 0 END) AS status_nack,
      SUM(CASE WHEN p.status = 'ACK' THEN 1 ELSE 0 END) AS status_ack,
      SUM(CASE WHEN p.status = 'RES' THEN 1 ELSE 0 END) AS status_res,
      ROUND(${dialect.median('p.seconds_to_ack')} * 10000) / 10000.0 AS mtta_p50_seconds,
      ${dialect.p90('p.seconds_to_ack', 'n.ack_n')} AS mtta_p90_seconds,
      ROUND(${dialect.median('p.seconds_to_resolve')} * 10000) / 10000.0 AS mttr_p50_seconds,
      ${dialect.p90('p.seconds_to_resolve', 'n.res_n')} AS mttr_p90_seconds
    FROM picked p${dialect.p90ReadsCount ? ` JOIN sizes n ON ${sameGroup}` : ''}
    GROUP BY ${keys}`;
}
