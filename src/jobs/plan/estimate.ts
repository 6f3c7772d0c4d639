import type { SyncSettings } from '../context.js';
import { isDueAfter } from '../due-streams.js';
import { STREAMS, type StreamDefinition } from '../streams.js';
import type { StreamCost } from '../stream-costs.js';
import type { ScopeOutlook } from './outlook.js';

/** The scopes of one run, as the store (or a first look at the API) describes them. */
export interface RunOutlook {
  organisation: ScopeOutlook;
  /** The teams the run walks, in any order. */
  teams: readonly ScopeOutlook[];
}

export interface ScopeEstimate {
  id: string;
  name: string;
  requests: number;
  /** Of them, incident pages fetched SPIKE_PAGE_CONCURRENCY at a time. */
  paged: number;
  /** Requests per stream that runs for the scope, in run order (a stream not due is absent). */
  streams: { stream: string; requests: number }[];
  unknown: readonly string[];
  assumed: readonly string[];
}

export interface RunEstimate {
  organisation: ScopeEstimate;
  teams: ScopeEstimate[];
  requests: number;
  /** False when something could not be counted (see each scope's `unknown`): `requests` is then a lower bound. */
  complete: boolean;
}

/**
 * The requests of one run starting at `now` under `settings`: for each scope, every stream the registry would run
 * (due under the settings, and for interval streams due after their last success) at the cost its definition puts
 * on that scope. As the run does, streams of tiers before the organisation's team listing walk stored teams only,
 * and a team whose open set such a tier reconciled does not reconcile it again in `incidents`.
 */
export function estimateRun(outlook: RunOutlook, settings: SyncSettings, now: Date, streams: readonly StreamDefinition[] = STREAMS): RunEstimate {
  const due = streams.filter((s) => s.due(settings));
  const listingTier = Math.min(...due.filter((s) => s.listsTeams === true).map((s) => s.tier));
  const beforeListing = (s: StreamDefinition) => s.tier < listingTier;
  const organisation = estimateScope(outlook.organisation, due.filter((s) => s.scope === 'organisation'), settings, now, false);
  const teams = outlook.teams.map((team) => {
    const walked = due.filter((s) => s.scope === 'team' && (team.stored || !beforeListing(s)));
    const openSetDone = walked.some((s) => s.provisional === true && beforeListing(s));
    return estimateScope(team, walked, settings, now, openSetDone);
  });
  const all = [organisation, ...teams];
  return {
    organisation,
    teams,
    requests: all.reduce((n, s) => n + s.requests, 0),
    complete: all.every((s) => s.unknown.length === 0),
  };
}

function estimateScope(scope: ScopeOutlook, streams: readonly StreamDefinition[], settings: SyncSettings, now: Date, openSetDone: boolean): ScopeEstimate {
  const ctx = { settings, now, openSetDone };
  const costs: (StreamCost & { stream: string })[] = [];
  for (const def of streams) {
    if (!isDueAfter(def, settings, scope.lastSuccess.get(def.name) ?? null, now)) continue;
    costs.push({ stream: def.name, ...def.cost(scope, ctx) });
  }
  return {
    id: scope.id,
    name: scope.name,
    requests: costs.reduce((n, c) => n + c.requests, 0),
    paged: costs.reduce((n, c) => n + c.paged, 0),
    streams: costs.map((c) => ({ stream: c.stream, requests: c.requests })),
    unknown: scope.unknown,
    assumed: scope.assumed,
  };
}
