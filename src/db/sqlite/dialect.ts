import type { SqlDialect } from '../dialect.js';

/**
 * percentile_disc(Y, P) returns the value at 0-based index floor(P * (n - 1)), so the fraction is chosen
 * per group to land on the nearest rank ceil(0.9 n), written (9n + 9) / 10 in integer arithmetic:
 * (rank - 0.5) / (n - 1), where the half keeps floating-point error away from the floor. The window-function
 * form (ROW_NUMBER per statistic) measured four to five times slower on a million incidents.
 */
const nearestRankFraction = (n: string) => `CASE WHEN ${n} > 1 THEN MIN(1.0, ((9 * ${n} + 9) / 10 - 0.5) / (${n} - 1)) ELSE 1.0 END`;

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  inList: (column, param, values) => ({ sql: `${column} IN (SELECT value FROM json_each(@${param}))`, params: { [param]: JSON.stringify(values) } }),
  listTable: (param, values) => ({ sql: `(SELECT value FROM json_each(@${param}))`, params: { [param]: JSON.stringify(values) } }),
  median: (expr) => `median(${expr})`,
  p90: (expr, count) => `percentile_disc(${expr}, ${nearestRankFraction(count)})`,
  p90ReadsCount: true,
  epochDay: (days) => `date((${days}) * 86400, 'unixepoch')`,
  epochSeconds: (expr) => `unixepoch(${expr}, 'subsec')`,
  throughIndex: (index) => `INDEXED BY ${index}`,
  sameValue: (a, b) => `${a} IS ${b}`,
};
