/**
 * The few SQL fragments that differ between the stores, so a report is written once. Everything else the
 * reports use (CTEs, CASE, COUNT/SUM/MIN/MAX, ROUND, COALESCE, LIMIT with a bound value) means the same on both,
 * and date arithmetic lives in the views (incident_facts), which each store defines in its own migrations.
 */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** `column` is one of `values`, bound as the single parameter `param`. */
  inList(column: string, param: string, values: readonly string[]): { sql: string; params: Record<string, unknown> };
  /** A one-column table (`value`) of `values`, bound as the single parameter `param`, for FROM or JOIN. */
  listTable(param: string, values: readonly string[]): { sql: string; params: Record<string, unknown> };
  /** The median of `expr` over the group (the mean of the two middle values for an even count). */
  median(expr: string): string;
  /**
   * Nearest-rank p90: the ceil(0.9 n)-th smallest value of `expr`. `count`, the group's n, is for a caller that has
   * it at hand (SQLite then sorts the values once); without it the dialect finds the value in the group alone.
   */
  p90(expr: string, count?: string): string;
  /**
   * Whether per-team statistics over most of the history read each duration in order through its index
   * (incidents_ack_order_idx, incidents_resolve_order_idx) rather than sorting it in one pass over the report index.
   * SQLite's percentile functions skip their sort when the values arrive in order; PostgreSQL sorts an ordered-set
   * aggregate's input whatever its order, so there the two extra reads only add to the cost.
   */
  readonly readsDurationsInOrder: boolean;
  /**
   * Where grouped statistics gather each group's durations into one list and take the percentiles of the list after
   * grouping: how to gather (an aggregate over the group's non-null values) and how to read a list back as rows of one
   * column. PostgreSQL needs its input sorted by the group's keys for an ordered-set aggregate, and that sort of every
   * row cost more than the percentiles themselves; gathered, the groups are hashed. Absent where the percentiles are
   * aggregates of the group as it is read (SQLite).
   */
  readonly gathered?: {
    list(expr: string): string;
    rows(list: string, alias: string, column: string): string;
  };
  /** The date `days` (an integer expression) whole days after 1970-01-01, as YYYY-MM-DD text. */
  epochDay(days: string): string;
  /** Seconds since the epoch, with milliseconds, of an ISO-8601 text or timestamp expression. */
  epochSeconds(expr: string): string;
  /** Makes a FROM item read through the named index (SQLite's INDEXED BY); nothing where the planner cannot be told. */
  throughIndex(index: string): string;
  /**
   * A scalar subquery: how many of the named indexes the store has. Reading through an index a first backfill set
   * aside (see Store.deferReportIndexes) would fail.
   */
  indexCount(names: readonly string[]): string;
}

/** `text` as an SQL string literal, the same on both stores: for names the code holds, never for input. */
export function textLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
