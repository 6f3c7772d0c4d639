import { DAY_MS } from '../../lib/duration.js';
import type { SyncSettings } from '../context.js';
import { isFullReadDue } from '../sync-incidents.js';
import { estimateRun, type RunEstimate, type RunOutlook, type ScopeEstimate } from './estimate.js';
import type { ScopeOutlook } from './outlook.js';

/** The longest calendar month: a plan that fits it fits every month. */
export const MONTH_MS = 31 * DAY_MS;

/** How a team's incidents come and go: from the last 30 days the store holds, or a first page of the listing. */
export interface TeamTrend {
  arrivalsPerDay: number;
  resolutionsPerDay: number;
}

export interface MonthInput {
  /** The scopes as the next run finds them. */
  outlook: RunOutlook;
  trends: ReadonlyMap<string, TeamTrend>;
  settings: SyncSettings;
  /** When runs start (epoch ms, ascending), within one month from the first: the next run. */
  firings: readonly number[];
  /** Whether `firings` holds every run of the month; if not, the counts are scaled from the span they cover. */
  allFirings: boolean;
}

export interface MonthProjection {
  runs: number;
  requests: number;
}

/**
 * A stream's success is recorded a moment after its run starts, so the run one interval later finds it not quite
 * an interval old: an interval that is a multiple of the cron step waits one step more, as the worker does.
 */
const SUCCESS_LAG_MS = 1000;

/**
 * The requests of a month of runs at `firings`. The first run is the next run as the outlook describes it; after it,
 * every team is stored, its backfills done, and each later run is priced on the team's trend: new incidents since the
 * last run (plus the lookback) to page through, each resolution one detail fetch and one activity log, the listing
 * growing by the arrivals for each full read, and the interval streams (and full reads) due as their last success
 * in the simulation says. Expected values, so fractions add up; the total is rounded. With `stopAbove`, the pricing
 * stops once the total passes it: the total returned is then only known to be above it.
 */
export function projectMonth(input: MonthInput, options: { stopAbove?: number } = {}): MonthProjection {
  const { firings, settings } = input;
  const first = firings[0];
  if (first === undefined) return { runs: 0, requests: 0 };
  const last = firings[firings.length - 1] ?? first;
  const scale = input.allFirings || firings.length < 2 ? 1 : MONTH_MS / ((last - first) * (firings.length / (firings.length - 1)));
  const stopAbove = options.stopAbove ?? Infinity;
  let total = 0;
  let previous = first;
  // The simulation's own copies of the last successes, updated in place run after run.
  const own = (scope: ScopeOutlook): ScopeOutlook => ({ ...scope, lastSuccess: new Map(scope.lastSuccess) });
  let outlook: RunOutlook = { organisation: own(input.outlook.organisation), teams: input.outlook.teams.map(own) };
  for (const at of firings) {
    const current = at === first ? outlook : onTrend(outlook, input, { elapsed: at - first, gap: at - previous });
    const run = estimateRun(current, settings, new Date(at));
    total += run.requests;
    // Past the bound the rest of the month changes nothing for a caller asking whether it fits. Compared as it is
    // returned, rounded: a partial total just past the bound must not round back down onto it and read as fitting.
    if (Math.round(total * scale) > stopAbove) break;
    outlook = afterRun(current, run, settings, at);
    previous = at;
  }
  return { runs: Math.round(firings.length * scale), requests: Math.round(total * scale) };
}

/** The scopes as a run finds them once the one before it ran `gap` earlier, `elapsed` after the month's first run. */
function onTrend(outlook: RunOutlook, input: MonthInput, time: { elapsed: number; gap: number }): RunOutlook {
  const teams = outlook.teams.map((team): ScopeOutlook => {
    const trend = input.trends.get(team.id) ?? { arrivalsPerDay: 0, resolutionsPerDay: 0 };
    const arrivals = trend.arrivalsPerDay / DAY_MS;
    const resolutions = trend.resolutionsPerDay / DAY_MS;
    return {
      ...team,
      listed: team.listed + arrivals * time.gap,
      sinceWatermark: arrivals * (time.gap + input.settings.incidentLookbackMs),
      leftOpenSet: resolutions * time.gap,
      pendingActivity: resolutions * time.gap,
    };
  });
  return { ...outlook, teams };
}

/** The scopes once `run` has run at `at`: every team stored and read, its backfills done, its streams' successes recorded. */
function afterRun(outlook: RunOutlook, run: RunEstimate, settings: SyncSettings, at: number): RunOutlook {
  const done = new Date(at + SUCCESS_LAG_MS).toISOString();
  const succeeded = (scope: ScopeOutlook, ran: ScopeEstimate | undefined) => {
    // projectMonth's own map (see `own`): no copy per run.
    const lastSuccess = scope.lastSuccess as Map<string, string>;
    for (const s of ran?.streams ?? []) lastSuccess.set(s.stream, done);
    return lastSuccess;
  };
  const teams = outlook.teams.map((team, i): ScopeOutlook => {
    const fullRead = isFullReadDue(team.incidents, settings, new Date(at));
    return {
      ...team,
      stored: true,
      incidents: { watermark: done, resumePage: null, lastFullAt: fullRead ? done : team.incidents.lastFullAt, lastSuccessAt: done },
      schedulesWithoutShifts: 0,
      lastSuccess: succeeded(team, run.teams[i]),
    };
  });
  return { organisation: { ...outlook.organisation, lastSuccess: succeeded(outlook.organisation, run.organisation) }, teams };
}
