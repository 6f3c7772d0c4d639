import type { ReportSource } from './source.js';

/** Below this share of the stored history, a window's incidents are few enough to sort rather than read all in order. */
const WIDE_FROM_SHARE = 0.25;

/**
 * Whether a report gains by reading every incident through `indexes` in their order instead of the window's range of
 * the (team, time) index and a sort: the store has all of them (a first backfill sets them aside; SQLite alone has some)
 * and the window, if any, holds at least a quarter of the time between the first and the last stored incident. Two
 * index lookups.
 */
export async function readsInIndexOrder(source: ReportSource, indexes: readonly string[], window?: { since: Date; until: Date }): Promise<boolean> {
  const span = window ? 'SELECT (SELECT MIN(triggered_at) FROM incidents) AS first, (SELECT MAX(triggered_at) FROM incidents) AS last, ' : 'SELECT ';
  const [found] = await source.all<{ first?: string | null; last?: string | null; indexes: number }>(`${span}${source.dialect.indexCount(indexes)} AS indexes`);
  if (Number(found?.indexes) < indexes.length) return false;
  if (!window) return true;
  if (!found?.first || !found.last) return false;
  const first = Date.parse(found.first);
  const last = Date.parse(found.last);
  const covered = Math.min(last, window.until.getTime()) - Math.max(first, window.since.getTime());
  return covered >= (last - first) * WIDE_FROM_SHARE;
}
