import { DAY_MS } from '../../lib/duration.js';
import { MAX_PER_PAGE, type FirstIncidentPage } from '../../spike/index.js';
import type { SyncSettings } from '../context.js';
import { mapIncident, type IncidentRow } from '../mappers/incident.js';
import { activitySince } from '../sync-activity.js';
import type { TeamTrend } from './month.js';
import { emptyOutlook, type ScopeOutlook } from './outlook.js';
import { TREND_DAYS } from './read-history.js';

/**
 * A team the store does not know yet (or whose backfill has not ended), as the first page of its incident listing
 * shows it. The listing's length is the page's total when the response states one; without it, a full page says
 * only that there is more (a lower bound, and `unknown` says so). Activity logs and the team's pace are counted on
 * the page and, when the page covers less time than the span asked about, scaled to that span by the time it covers.
 */
export function outlookFromFirstPage(team: { id: string; name: string }, page: FirstIncidentPage, settings: SyncSettings, now: Date): { outlook: ScopeOutlook; trend: TeamTrend } {
  const rows = page.items.flatMap((item) => {
    const mapped = mapIncident(item, team.id);
    return mapped.ok ? [mapped.row] : [];
  });
  const whole = page.items.length < MAX_PER_PAGE;
  const listed = whole ? page.items.length : (page.total ?? page.items.length);
  const onPage = { rows, whole, listed, now: now.getTime() };
  const trendSince = now.getTime() - TREND_DAYS * DAY_MS;
  const resolvedSince = (since: number) => (r: IncidentRow) => r.status === 'RES' && r.resolvedAt !== null && Date.parse(r.resolvedAt) >= since;
  const activity = Date.parse(activitySince(settings, now));
  const outlook: ScopeOutlook = {
    ...emptyOutlook(team.id, team.name),
    listed,
    sinceWatermark: listed,
    pendingActivity: Math.round(scaledCount(onPage, activity, (r) => resolvedSince(activity)(r) && !!r.counterId)),
    schedules: 1,
    schedulesWithoutShifts: 1,
    unknown: whole || page.total !== null ? [] : ['the incident listing past its first page (the response states no total)'],
    assumed: ['one on-call schedule (the store holds none yet)'],
  };
  const perDay = (n: number) => n / TREND_DAYS;
  return {
    outlook,
    trend: {
      arrivalsPerDay: perDay(scaledCount(onPage, trendSince, (r) => Date.parse(r.triggeredAt) >= trendSince)),
      resolutionsPerDay: perDay(scaledCount(onPage, trendSince, resolvedSince(trendSince))),
    },
  };
}

interface OnPage {
  rows: readonly IncidentRow[];
  /** The page is the whole listing. */
  whole: boolean;
  listed: number;
  now: number;
}

/**
 * The page's incidents that `match`, scaled to the span from `since` to now when the page, newest first, reaches back
 * less far than `since`: the listing is taken to go on at the page's pace. Never more than the listing holds.
 */
function scaledCount(page: OnPage, since: number, match: (row: IncidentRow) => boolean): number {
  const found = page.rows.filter(match).length;
  if (page.whole || page.rows.length === 0) return found;
  let oldest = page.now;
  for (const row of page.rows) oldest = Math.min(oldest, Date.parse(row.triggeredAt));
  if (oldest <= since) return found;
  const covered = Math.max(page.now - oldest, 1);
  return Math.min(page.listed, (found * (page.now - since)) / covered);
}
