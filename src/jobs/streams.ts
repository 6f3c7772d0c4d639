import type { SyncSettings } from './context.js';
import type { StreamContext } from './stream-context.js';
import { emptyOutlook, steadyOutlook, type ScopeOutlook } from './plan/outlook.js';
import { ORG_SCOPE } from './stream-runner.js';
import { activityCost, incidentsCost, oneRequest, openSetCost, overridesCost, shiftsCost, type CostOf } from './stream-costs.js';
import { syncActivity } from './sync-activity.js';
import { syncIncidents, syncOpenIncidents } from './sync-incidents.js';
import { syncEscalationPolicies, syncIntegrations, syncServices } from './sync-catalogs.js';
import { syncOncallOverrides } from './sync-oncall-overrides.js';
import { syncOncallShifts } from './sync-oncall-shifts.js';
import { syncOrgMembers, syncTeams } from './sync-org.js';
import { syncOncallSchedules, syncTeamMembers } from './sync-team-entities.js';

/**
 * A stream as a value: the run loop, `status` and the budget floor all read this list, so adding an
 * entity is one entry here plus its mapper, table and migration.
 */
export interface StreamDefinition {
  /** The name in the ledger (`sync_run_streams.stream`) and in `sync_state`. */
  readonly name: string;
  /** `organisation`: once per run; `team`: once per selected team, with that team's `x-team-id`. */
  readonly scope: 'organisation' | 'team';
  /**
   * Order within a run: every stream of a tier runs (for every team) before the next tier starts, so
   * under a budget the tiers that matter most are served first.
   */
  readonly tier: number;
  /** Its work is done again by a later stream of the same run when it fails, so its failure does not make the run partial. */
  readonly provisional?: boolean;
  /** It lists the organisation's teams: team tiers after it walk that listing, tiers before it the stored teams. */
  readonly listsTeams?: boolean;
  /**
   * Requests it sends in one run for one scope (a team, or the organisation), from what the store knows of that
   * scope: what `plan`, the ledger's estimate and the budget floor all price a run with (see stream-costs.ts).
   */
  readonly cost: CostOf;
  /** Whether it runs in this run. */
  due(settings: SyncSettings): boolean;
  /**
   * Read again only once this long (ms) has passed since its last success for the team (see `due-streams.ts`);
   * absent: every run. Such a stream is left out of the steady cost and of what every run must complete.
   */
  readonly interval?: (settings: SyncSettings) => number;
  run(ctx: StreamContext): Promise<void>;
}

const always = () => true;
const catalogInterval = (settings: SyncSettings) => settings.catalogIntervalMs;
const oncallInterval = (settings: SyncSettings) => settings.oncallIntervalMs;

export const STREAMS: readonly StreamDefinition[] = [
  // Under a monthly budget, every known team's open incidents are reconciled before anything else.
  { name: 'open_incidents', scope: 'team', tier: 0, provisional: true, cost: openSetCost, due: (settings) => settings.openSetFirst, run: syncOpenIncidents },
  { name: 'teams', scope: 'organisation', tier: 1, listsTeams: true, cost: oneRequest, due: always, run: syncTeams },
  { name: 'users', scope: 'organisation', tier: 1, cost: oneRequest, due: always, run: syncOrgMembers },
  { name: 'team_members', scope: 'team', tier: 2, cost: oneRequest, due: always, run: syncTeamMembers },
  { name: 'oncall_schedules', scope: 'team', tier: 2, cost: oneRequest, due: always, run: syncOncallSchedules },
  // The first page, then the triggered and acknowledged lists.
  { name: 'incidents', scope: 'team', tier: 2, cost: incidentsCost, due: always, run: syncIncidents },
  // One request per stored schedule of the team when due (a schedule's first read adds its backfill windows).
  { name: 'oncall_shifts', scope: 'team', tier: 3, cost: shiftsCost, interval: oncallInterval, due: always, run: syncOncallShifts },
  { name: 'oncall_overrides', scope: 'team', tier: 3, cost: overridesCost, interval: oncallInterval, due: always, run: syncOncallOverrides },
  // Catalogs change rarely: each team's are read again every SPIKE_CATALOG_INTERVAL, after every team's incidents.
  { name: 'services', scope: 'team', tier: 4, cost: oneRequest, due: always, interval: catalogInterval, run: syncServices },
  { name: 'integrations', scope: 'team', tier: 4, cost: oneRequest, due: always, interval: catalogInterval, run: syncIntegrations },
  { name: 'escalation_policies', scope: 'team', tier: 4, cost: oneRequest, due: always, interval: catalogInterval, run: syncEscalationPolicies },
  // One request per incident resolved since its log was last read: nothing when no incident was resolved.
  { name: 'incident_events', scope: 'team', tier: 5, cost: activityCost, due: always, run: syncActivity },
];

/** The tiers of `streams` in order, each with its streams in registry order. */
export function tiersOf(streams: readonly StreamDefinition[]): StreamDefinition[][] {
  const tiers = [...new Set(streams.map((s) => s.tier))].sort((a, b) => a - b);
  return tiers.map((tier) => streams.filter((s) => s.tier === tier));
}

/** The team streams every run must complete for a team to be fresh: what `sync_freshness` expects of each team. */
export function expectedTeamStreams(streams: readonly StreamDefinition[] = STREAMS): string[] {
  return streams.filter((s) => s.scope === 'team' && !s.provisional && !s.interval).map((s) => s.name);
}

/** Every team stream whose freshness `status` shows, interval streams included. */
export function reportedTeamStreams(streams: readonly StreamDefinition[] = STREAMS): string[] {
  return streams.filter((s) => s.scope === 'team' && !s.provisional).map((s) => s.name);
}

/**
 * Below this, a scheduled run is skipped so a monthly allowance can accrue: the cost of a run in which
 * nothing changed and no interval stream is due (each team with one schedule). Any run allowed to start can then
 * complete the steady state, and backfills progress.
 */
export function minimumUsefulRun(teams: number, streams: readonly StreamDefinition[] = STREAMS): number {
  const now = new Date();
  const ctx = { settings: STEADY_SETTINGS, now, openSetDone: false };
  const counted = streams.filter((s) => !s.provisional && !s.interval);
  const sum = (scope: StreamDefinition['scope'], outlook: ScopeOutlook) =>
    counted.filter((s) => s.scope === scope).reduce((n, s) => n + s.cost(outlook, ctx).requests, 0);
  return sum('organisation', emptyOutlook(ORG_SCOPE, '(organisation)')) + teams * sum('team', steadyOutlook(now));
}

/** Settings under which a steady run reads new pages only: no full read is due a moment after one. */
const STEADY_SETTINGS: SyncSettings = {
  teams: null,
  full: false,
  incidentLookbackMs: 0,
  fullSyncIntervalMs: Number.MAX_SAFE_INTEGER,
  catalogIntervalMs: Number.MAX_SAFE_INTEGER,
  oncallIntervalMs: Number.MAX_SAFE_INTEGER,
  oncallBackfillMs: 0,
  activityBackfillMs: 0,
  requestCap: null,
  openSetFirst: false,
  pageConcurrency: 1,
};
