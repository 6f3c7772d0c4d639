import type { SqlDialect } from '../db/index.js';
import { readsInIndexOrder } from './wide-window.js';
import { ANY_INCIDENTS, LIVE_INCIDENT, TEAM_INCIDENTS, TEAM_INCIDENT_ROWS, type IncidentFilter, type ReportSource } from './source.js';

/**
 * Counts and MTTA/MTTR percentiles per group of incidents.
 *
 * p50 is the median (the mean of the two middle values for an even count), p90 nearest-rank (the
 * ceil(0.9 n)-th smallest value); the dialect writes both for its store. They are taken over the stored
 * whole milliseconds (`ms_to_ack`, `ms_to_resolve`), so a median ends in at most half of one and is exact
 * at 0.1 ms; seconds are those milliseconds over 1000, the values incident_facts shows.
 *
 * Groups by team read the team's incidents in time order through an index, never the wide rows: incidents_team_count_idx
 * when nothing but the team is grouped by (the planners choose it, a third of the pages), else incidents_team_report_idx.
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

/** The percentile columns of ResponseTimeStats: which duration each is over, and which statistic. */
const PERCENTILES = {
  mtta_p50_seconds: { duration: 'ms_to_ack', kind: 'median' },
  mtta_p90_seconds: { duration: 'ms_to_ack', kind: 'value' },
  mttr_p50_seconds: { duration: 'ms_to_resolve', kind: 'median' },
  mttr_p90_seconds: { duration: 'ms_to_resolve', kind: 'value' },
} as const;
export type PercentileColumn = keyof typeof PERCENTILES;
const ALL_PERCENTILES = Object.keys(PERCENTILES) as PercentileColumn[];

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
  /**
   * Per team only (keys `team_id`, no `from`): the window's condition over `f` alone (`IncidentFilter.window`),
   * to read each team's durations in order from the duration indexes instead of sorting them (see `orderedTeamStatsSql`).
   * Worth it on SQLite when the window holds most of the history: `orderedWhenWide` decides.
   */
  ordered?: string;
  /** Also count the incidents by current status (status_nack, status_ack, status_res): one more test per incident each. */
  byStatus?: boolean;
  /**
   * The percentile columns to compute, by default all four. Each is an aggregate that collects the group's values
   * (and, unless they arrive in order, sorts them), so a report asks only for those it prints.
   */
  percentiles?: readonly PercentileColumn[];
}

// Team columns read from the outer teams scan, which runs in primary-key order: grouping by team then needs no sort.
const TEAM_COLUMNS: Record<string, string> = { team_id: 't.id', team_name: 't.name' };

/**
 * Columns produced: the keys and labels, incidents, open (not resolved now), acknowledged (ever),
 * resolved, with `byStatus` status_nack / status_ack / status_res (by current status), and the `percentiles`
 * (mtta_p50_seconds, mtta_p90_seconds, mttr_p50_seconds, mttr_p90_seconds unless fewer are asked for).
 */
export function incidentStatsSql(dialect: SqlDialect, query: StatsQuery): string {
  if (query.ordered !== undefined) return orderedTeamStatsSql(dialect, { ...query, ordered: query.ordered });
  const labels = query.labels ?? [];
  const keys = query.keys.map((k) => `p.${k}`).join(', ');
  const columns = [...query.keys, ...labels, 'status', 'ms_to_ack', 'ms_to_resolve'];
  const picked = `picked AS (
      SELECT ${columns.map((c) => `${query.from?.columns[c] ?? TEAM_COLUMNS[c] ?? `f.${c}`} AS ${c}`).join(', ')}
      FROM ${query.from?.sql ?? incidentsFor(query)}
      WHERE ${query.where}${query.from || !readsStoredColumns(query) ? '' : ` AND ${LIVE_INCIDENT}`}
    )`;
  const grouped = `${keys}, ${labels.map((l) => `MAX(p.${l}) AS ${l}, `).join('')}
      ${countsSql('p', query.byStatus)}`;
  // Rows are read team by team: grouped by the team first, they are sorted, if at all, only within each team.
  const inGroupOrder = query.keys[0] === 'team_id' && !query.from;
  if (dialect.gathered && !inGroupOrder) return gatheredStatsSql(dialect, dialect.gathered, query, picked, grouped);
  return `
    WITH ${picked}
    SELECT ${grouped}${wantedPercentiles(query).map((name) => `,
      ${seconds(percentileSql(dialect, name, 'p'), PERCENTILES[name].kind)} AS ${name}`).join('')}
    FROM picked p
    GROUP BY ${keys}`;
}

/**
 * incidentStatsSql where the dialect gathers each group's durations (SqlDialect.gathered): the groups are counted and
 * their durations listed in one grouped pass, then each list's percentiles are taken on their own.
 */
function gatheredStatsSql(dialect: SqlDialect, gathered: NonNullable<SqlDialect['gathered']>, query: StatsQuery, picked: string, grouped: string): string {
  const passes = passesFor(wantedPercentiles(query));
  const kept = [...query.keys, ...(query.labels ?? []), ...countNames(query.byStatus)];
  return `
    WITH ${picked},
    grouped AS (
      SELECT ${grouped}${passes.map((pass) => `,
        ${gathered.list(`p.${pass.column}`)} AS ${pass.column}`).join('')}
      FROM picked p
      GROUP BY ${query.keys.map((k) => `p.${k}`).join(', ')}
    )
    SELECT ${kept.map((c) => `g.${c}`).join(', ')}${percentilesOfPasses(passes)}
    FROM grouped g${passes.map((pass) => `
    CROSS JOIN LATERAL (
      SELECT ${pass.percentiles.map((name) => `${percentileSql(dialect, name, 'd')} AS ${name}`).join(', ')}
      FROM ${gathered.rows(`g.${pass.column}`, 'd', pass.column)}
    ) ${pass.alias}`).join('')}`;
}

/** The percentiles of each duration, in the order of ResponseTimeStats. */
const BY_DURATION: readonly PercentileColumn[][] = [
  ['mtta_p50_seconds', 'mtta_p90_seconds'],
  ['mttr_p50_seconds', 'mttr_p90_seconds'],
];

/**
 * The rows of `select` over the statistics of `query` (a CTE named `stats`, every column of `incidentStatsSql`), from
 * two statements asked for together, one per duration: each sorts or reads in order only its own duration's values,
 * and a store runs them at once (see SqlReader). `select` is given the percentile columns its statement computes, to
 * name them. The first statement gives the rows and their order; the second's percentiles join them on the group's keys
 * (`joinOn`, by default the query's keys, for a `select` that renames them).
 * A group only one of them saw (a sync committed in between) has null for the percentiles the other computed.
 * A query wanting one duration's percentiles stays one statement.
 * Over a million incidents, as a process: by priority 1.5-1.8 s as one statement, 1.3-1.4 s as two on SQLite
 * (1.7-1.8 s and 1.5-1.65 s on PostgreSQL before its durations were gathered, 1.1-1.35 s since); by team on PostgreSQL
 * 1.04-1.09 s and 0.75-0.90 s.
 */
export async function incidentStatsApart<Row extends object>(
  source: ReportSource,
  query: StatsQuery,
  select: (percentiles: readonly PercentileColumn[]) => string,
  params: Record<string, unknown>,
  joinOn: readonly string[] = query.keys,
): Promise<Row[]> {
  const statement = (percentiles: readonly PercentileColumn[]) => `WITH stats AS (${incidentStatsSql(source.dialect, { ...query, percentiles })}) ${select(percentiles)}`;
  const wanted = wantedPercentiles(query);
  const parts = BY_DURATION.map((names) => names.filter((name) => wanted.includes(name))).filter((names) => names.length > 0);
  if (parts.length < 2) return source.all<Row>(statement(wanted), params);
  const [rows = [], others = []] = await Promise.all(parts.map((names) => source.all<Record<string, unknown>>(statement(names), params)));
  const keyOf = (row: Record<string, unknown>) => JSON.stringify(joinOn.map((key) => row[key]));
  const otherByKey = new Map(others.map((row) => [keyOf(row), row]));
  return rows.map((row) => {
    const other = otherByKey.get(keyOf(row));
    return { ...row, ...Object.fromEntries(parts[1]!.map((name) => [name, other?.[name] ?? null])) } as Row;
  });
}

/** `, a.<name>` for each percentile column a statement of incidentStatsApart computes, for its `select`. */
export function percentileColumnsSql(alias: string, percentiles: readonly string[]): string {
  return percentiles.map((name) => `, ${alias}.${name}`).join('');
}

// The incidents columns a statistic may group by, all in incidents_team_report_idx; others (triggered_week) are computed
// in incident_facts.
const STORED_KEYS = new Set(['team_id', 'team_name', 'service_id', 'service_name', 'priority', 'severity']);

function readsStoredColumns(query: StatsQuery): boolean {
  return [...query.keys, ...(query.labels ?? [])].every((c) => STORED_KEYS.has(c));
}

/**
 * Stored columns are read from the incidents table team by team, which walks incidents_team_report_idx and finds
 * each row's team once per team rather than once per incident (grouping by team then needs no sort either).
 */
function incidentsFor(query: StatsQuery): string {
  if (readsStoredColumns(query)) return TEAM_INCIDENT_ROWS;
  return query.keys[0] === 'team_id' ? TEAM_INCIDENTS : ANY_INCIDENTS;
}

/** The percentiles asked for, each once, in the order of ResponseTimeStats. */
function wantedPercentiles(query: StatsQuery): PercentileColumn[] {
  return query.percentiles ? ALL_PERCENTILES.filter((name) => query.percentiles!.includes(name)) : ALL_PERCENTILES;
}

/** One percentile column's aggregate over the durations of `from` (an alias); `count`, the group's n, where known. */
function percentileSql(dialect: SqlDialect, name: PercentileColumn, from: string, count?: string): string {
  const { duration, kind } = PERCENTILES[name];
  return kind === 'median' ? dialect.median(`${from}.${duration}`) : dialect.p90(`${from}.${duration}`, count);
}

/**
 * The passes of the ordered form, one per duration: the index that holds each team's values in order (with what a
 * window reads), and the count of those values.
 */
const DURATION_PASSES = [
  { alias: 'ack', column: 'ms_to_ack', index: 'incidents_ack_order_idx', count: 'acknowledged' },
  { alias: 'res', column: 'ms_to_resolve', index: 'incidents_resolve_order_idx', count: 'resolved' },
] as const;

/** A duration's pass with the percentiles wanted of it, which it computes under their output names. */
type DurationPass = (typeof DURATION_PASSES)[number] & { percentiles: PercentileColumn[] };

/** The passes of the durations with a percentile among `wanted`, in the order of ResponseTimeStats. */
function passesFor(wanted: readonly PercentileColumn[]): DurationPass[] {
  return DURATION_PASSES.map((pass) => ({ ...pass, percentiles: wanted.filter((name) => PERCENTILES[name].duration === pass.column) })).filter(
    (pass) => pass.percentiles.length > 0,
  );
}

/** `, <seconds> AS <name>` for each percentile the passes computed, read from its pass's alias, in seconds. */
function percentilesOfPasses(passes: readonly DurationPass[]): string {
  return passes
    .flatMap((pass) => pass.percentiles.map((name) => `,\n      ${seconds(`${pass.alias}.${name}`, PERCENTILES[name].kind)} AS ${name}`))
    .join('');
}

/**
 * The per-team statistics in up to three passes: the counts over the report index, then each duration with a
 * percentile wanted, read team by team in its own order (incidents_ack_order_idx, incidents_resolve_order_idx) and kept
 * when triggered in the window. A percentile sorts what it is given unless it arrives sorted, and the sorting was most
 * of the cost of a statistic over a whole history: 0.5 s of 0.85 s over a million incidents on SQLite. Each duration
 * pass reads the team's whole history, so over a short window the one-pass form is cheaper.
 */
function orderedTeamStatsSql(dialect: SqlDialect, query: StatsQuery & { ordered: string }): string {
  if (query.keys.length !== 1 || query.keys[0] !== 'team_id' || query.from) throw new Error('statistics read in order are per team');
  const labels = query.labels ?? [];
  const passes = passesFor(wantedPercentiles(query));
  const durations = (pass: DurationPass) => `
      SELECT t.id AS team_id, ${pass.percentiles.map((name) => `${percentileSql(dialect, name, 'f', `c.${pass.count}`)} AS ${name}`).join(', ')}
      FROM teams t CROSS JOIN counted c CROSS JOIN incidents f ${dialect.throughIndex(pass.index)}
      WHERE c.team_id = t.id AND f.team_id = t.id AND f.${pass.column} IS NOT NULL AND f.deleted_at IS NULL AND ${query.ordered}
      GROUP BY t.id`;
  const counted = `counted AS MATERIALIZED (
      SELECT t.id AS team_id, ${labels.map((l) => `MAX(${TEAM_COLUMNS[l] ?? `f.${l}`}) AS ${l}, `).join('')}
        ${countsSql('f', query.byStatus)}
      FROM ${TEAM_INCIDENT_ROWS}
      WHERE ${query.where} AND ${LIVE_INCIDENT}
      GROUP BY t.id
    )`;
  return `
    WITH ${[counted, ...passes.map((pass) => `${pass.alias} AS MATERIALIZED (${durations(pass)})`)].join(',\n    ')}
    SELECT c.*${percentilesOfPasses(passes)}
    FROM counted c
    ${passes.map((pass) => `LEFT JOIN ${pass.alias} ON ${pass.alias}.team_id = c.team_id`).join('\n    ')}`;
}

/**
 * The counts of a group of incidents aliased `a`. A duration is null exactly when its instant is, or (to resolve)
 * when the incident is not resolved now. COUNT(*) FILTER counts what SUM(CASE ...) would, twice as fast on
 * PostgreSQL over a million incidents. The counts by status cost a fifth of a whole-history summary's scan on SQLite,
 * so only the report that shows them asks for them.
 */
function countsSql(a: string, byStatus = false): string {
  return counts(a, byStatus).map(([name, sql]) => `${sql} AS ${name}`).join(',\n      ');
}

/** The names of the columns countsSql produces. */
function countNames(byStatus = false): string[] {
  return counts('a', byStatus).map(([name]) => name);
}

function counts(a: string, byStatus: boolean): [name: string, sql: string][] {
  const all: [string, string][] = [
    ['incidents', 'COUNT(*)'],
    ['open', `COUNT(*) FILTER (WHERE ${a}.status <> 'RES')`],
    ['acknowledged', `COUNT(${a}.ms_to_ack)`],
    ['resolved', `COUNT(${a}.ms_to_resolve)`],
  ];
  if (!byStatus) return all;
  return [
    ...all,
    ['status_nack', `COUNT(*) FILTER (WHERE ${a}.status = 'NACK')`],
    ['status_ack', `COUNT(*) FILTER (WHERE ${a}.status = 'ACK')`],
    ['status_res', `COUNT(*) FILTER (WHERE ${a}.status = 'RES')`],
  ];
}

/**
 * Milliseconds to seconds as a double on both stores. A median of whole milliseconds is exact at 0.1 ms: rounding
 * there drops the noise of the interpolation. A value picked from the set is already whole.
 */
function seconds(ms: string, kind: 'median' | 'value'): string {
  return kind === 'median' ? `ROUND(${ms} * 10) / 10000.0` : `CAST(${ms} AS DOUBLE PRECISION) / 1000`;
}

/**
 * `StatsQuery.ordered` for per-team statistics over `filter`: its window when the store gains by reading durations in
 * order (`SqlDialect.readsDurationsInOrder`) and `readsInIndexOrder` says so for the duration indexes, else undefined.
 */
export async function orderedWhenWide(source: ReportSource, filter: IncidentFilter, window?: { since: Date; until: Date }): Promise<string | undefined> {
  if (!source.dialect.readsDurationsInOrder) return undefined;
  return (await readsInIndexOrder(source, DURATION_PASSES.map((pass) => pass.index), window)) ? filter.window : undefined;
}
