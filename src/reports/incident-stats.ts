import type { SqlDialect } from '../db/index.js';
import { ANY_INCIDENTS, TEAM_INCIDENTS } from './source.js';

/**
 * Counts and MTTA/MTTR percentiles per group of incidents.
 *
 * p50 is the median (the mean of the two middle values for an even count), p90 nearest-rank (the
 * ceil(0.9 n)-th smallest value); the dialect writes both for its store. They are taken over the stored
 * whole milliseconds (`ms_to_ack`, `ms_to_resolve`), so a median ends in at most half of one and is exact
 * at 0.1 ms; seconds are those milliseconds over 1000, the values incident_facts shows.
 *
 * Groups by team read TEAM_INCIDENTS, whose per-team scan stays inside incidents_team_report_idx.
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

/**
 * Columns produced: the keys and labels, incidents, open (not resolved now), acknowledged (ever),
 * resolved, status_nack / status_ack / status_res (by current status), mtta_p50_seconds,
 * mtta_p90_seconds, mttr_p50_seconds, mttr_p90_seconds.
 */
export function incidentStatsSql(dialect: SqlDialect, query: StatsQuery): string {
  const labels = query.labels ?? [];
  const keys = query.keys.map((k) => `p.${k}`).join(', ');
  const sameGroup = query.keys.map((k) => dialect.sameValue(`n.${k}`, `p.${k}`)).join(' AND ');
  const columns = [...query.keys, ...labels, 'status', 'ms_to_ack', 'ms_to_resolve'];
  // The group sizes, for a dialect whose p90 needs them (a second pass over the picked rows, joined back).
  const sizes = `,
    sizes AS (
      SELECT ${query.keys.join(', ')}, COUNT(ms_to_ack) AS ack_n, COUNT(ms_to_resolve) AS res_n
      FROM picked
      GROUP BY ${query.keys.join(', ')}
    )`;
  // A duration is null exactly when its instant is, or (to resolve) when the incident is not resolved now.
  return `
    WITH picked AS (
      SELECT ${columns.map((c) => `${query.from?.columns[c] ?? TEAM_COLUMNS[c] ?? `f.${c}`} AS ${c}`).join(', ')}
      FROM ${query.from?.sql ?? (query.keys[0] === 'team_id' ? TEAM_INCIDENTS : ANY_INCIDENTS)}
      WHERE ${query.where}
    )${dialect.p90ReadsCount ? sizes : ''}
    SELECT ${keys}, ${labels.map((l) => `MAX(p.${l}) AS ${l}, `).join('')}
      COUNT(*) AS incidents,
      SUM(CASE WHEN p.status <> 'RES' THEN 1 ELSE 0 END) AS open,
      COUNT(p.ms_to_ack) AS acknowledged,
      COUNT(p.ms_to_resolve) AS resolved,
      SUM(CASE WHEN p.status = 'NACK' THEN 1 ELSE 0 END) AS status_nack,
      SUM(CASE WHEN p.status = 'ACK' THEN 1 ELSE 0 END) AS status_ack,
      SUM(CASE WHEN p.status = 'RES' THEN 1 ELSE 0 END) AS status_res,
      ${seconds(dialect.median('p.ms_to_ack'), 'median')} AS mtta_p50_seconds,
      ${seconds(dialect.p90('p.ms_to_ack', 'n.ack_n'), 'value')} AS mtta_p90_seconds,
      ${seconds(dialect.median('p.ms_to_resolve'), 'median')} AS mttr_p50_seconds,
      ${seconds(dialect.p90('p.ms_to_resolve', 'n.res_n'), 'value')} AS mttr_p90_seconds
    FROM picked p${dialect.p90ReadsCount ? ` JOIN sizes n ON ${sameGroup}` : ''}
    GROUP BY ${keys}`;
}

/**
 * Milliseconds to seconds as a double on both stores. A median of whole milliseconds is exact at 0.1 ms: rounding
 * there drops the noise of the interpolation. A value picked from the set is already whole.
 */
function seconds(ms: string, kind: 'median' | 'value'): string {
  return kind === 'median' ? `ROUND(${ms} * 10) / 10000.0` : `CAST(${ms} AS DOUBLE PRECISION) / 1000`;
}
