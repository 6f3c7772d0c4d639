import { incidentStatsSql } from './incident-stats.js';
import { compareText } from '../lib/text-order.js';
import { INTERRUPTION_COLUMNS, interruptionColumnsSql, interruptionsSql, type InterruptionCounts } from './interruptions.js';
import { LIVE_INCIDENT, TEAM_INCIDENT_ROWS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

export type ResponderRow = InterruptionCounts & {
  user_id: string;
  user_name: string | null;
  acknowledged: number;
  mtta_p50_seconds: number | null;
  mtta_p90_seconds: number | null;
  resolved: number;
};

export const RESPONDER_COLUMNS = [
  'user_id',
  'user_name',
  'acknowledged',
  'mtta_p50_seconds',
  'mtta_p90_seconds',
  'resolved',
  ...INTERRUPTION_COLUMNS,
] as const satisfies readonly (keyof ResponderRow)[];


/**
 * Per person who acknowledged or resolved an incident triggered in the window, or was interrupted by an event
 * created in it: the incidents they acknowledged with the MTTA of those, the incidents resolved now that they
 * resolved, and their interruptions per class. `--team` picks the incidents' team. Who acknowledged and resolved an
 * incident is stored on it, in incidents_team_report_idx: both counts read that index alone.
 *
 * Two statements asked for together, so that a store runs them at once: the acknowledgements with their MTTA, and the
 * rest. Each groups the window's incidents by a person, and over a million incidents the first took about 60 % of
 * the time of one statement doing both. Their rows are joined and ordered here, as one statement would: most
 * acknowledged, then resolved, then interrupted, then by name (unnamed last) and id, text in the stores' byte order.
 */
export async function reportResponders(source: ReportSource, window: ReportWindow): Promise<ResponderRow[]> {
  const { dialect } = source;
  const inWindow = incidentFilter(dialect, window.teams, window);
  const acked = incidentStatsSql(dialect, {
    keys: ['user_id'],
    where: `${inWindow.sql} AND ${LIVE_INCIDENT} AND f.acknowledged_by IS NOT NULL`,
    from: { sql: TEAM_INCIDENT_ROWS, columns: { user_id: 'f.acknowledged_by' } },
    percentiles: ['mtta_p50_seconds', 'mtta_p90_seconds'],
  });
  const interrupted = interruptionsSql(dialect, ['user_id'], window);
  const ackedSql = `
    WITH acked AS (${acked})
    SELECT a.user_id AS user_id, u.name AS user_name, a.incidents AS acknowledged, a.mtta_p50_seconds, a.mtta_p90_seconds
    FROM acked a
    LEFT JOIN users u ON u.id = a.user_id`;
  const othersSql = `
    WITH resolved AS (
      SELECT f.resolved_by AS user_id, COUNT(*) AS resolved
      FROM ${TEAM_INCIDENT_ROWS}
      WHERE ${inWindow.sql} AND ${LIVE_INCIDENT} AND f.resolved_by IS NOT NULL AND f.status = 'RES'
      GROUP BY f.resolved_by
    ),
    interrupted AS (${interrupted.sql}),
    people AS (SELECT user_id FROM resolved UNION SELECT user_id FROM interrupted)
    SELECT p.user_id AS user_id, u.name AS user_name, COALESCE(r.resolved, 0) AS resolved, ${interruptionColumnsSql('x')}
    FROM people p
    LEFT JOIN users u ON u.id = p.user_id
    LEFT JOIN resolved r ON r.user_id = p.user_id
    LEFT JOIN interrupted x ON x.user_id = p.user_id`;
  type Acked = Pick<ResponderRow, 'user_id' | 'user_name' | 'acknowledged' | 'mtta_p50_seconds' | 'mtta_p90_seconds'>;
  type Others = Pick<ResponderRow, 'user_id' | 'user_name' | 'resolved'> & InterruptionCounts;
  const [acks, others] = await Promise.all([
    source.all<Acked>(ackedSql, inWindow.params),
    source.all<Others>(othersSql, { ...inWindow.params, ...interrupted.params }),
  ]);
  const ackedBy = new Map(acks.map((row) => [row.user_id, row]));
  const othersOf = new Map(others.map((row) => [row.user_id, row]));
  const rows = [...new Set([...ackedBy.keys(), ...othersOf.keys()])].map((userId): ResponderRow => {
    const a = ackedBy.get(userId);
    const o = othersOf.get(userId);
    return {
      user_id: userId,
      user_name: a?.user_name ?? o?.user_name ?? null,
      acknowledged: a?.acknowledged ?? 0,
      mtta_p50_seconds: a?.mtta_p50_seconds ?? null,
      mtta_p90_seconds: a?.mtta_p90_seconds ?? null,
      resolved: o?.resolved ?? 0,
      ...(Object.fromEntries(INTERRUPTION_COLUMNS.map((c) => [c, o?.[c] ?? 0])) as InterruptionCounts),
    };
  });
  const interruptions = (row: ResponderRow) => INTERRUPTION_COLUMNS.reduce((n, c) => n + row[c], 0);
  return rows.sort(
    (x, y) =>
      y.acknowledged - x.acknowledged ||
      y.resolved - x.resolved ||
      interruptions(y) - interruptions(x) ||
      Number(x.user_name === null) - Number(y.user_name === null) ||
      compareText(x.user_name ?? '', y.user_name ?? '') ||
      compareText(x.user_id, y.user_id),
  );
}
