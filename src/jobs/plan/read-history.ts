import { NO_CHECKPOINT, type Store, type StreamState } from '../../db/index.js';
import { DAY_MS } from '../../lib/duration.js';
import type { SyncSettings } from '../context.js';
import { ORG_SCOPE } from '../stream-runner.js';
import { activitySince } from '../sync-activity.js';
import type { RunOutlook } from './estimate.js';
import type { TeamTrend } from './month.js';
import { emptyOutlook, type ScopeOutlook } from './outlook.js';

/** The span a team's pace (arrivals, resolutions) is taken over. */
export const TREND_DAYS = 30;

/** What the store tells of the next run. */
export interface StoredHistory {
  outlook: RunOutlook;
  trends: Map<string, TeamTrend>;
  /** Milliseconds per request the ledger observed, or null before any request. */
  meanRequestMs: number | null;
  /** Asked-for team ids (SPIKE_TEAMS, --team) the store does not hold. */
  missing: string[];
}

/** No store yet: nothing is known but the settings. */
export function noHistory(settings: SyncSettings): StoredHistory {
  return { outlook: { organisation: emptyOutlook(ORG_SCOPE, '(organisation)'), teams: [] }, trends: new Map(), meanRequestMs: null, missing: [...(settings.teams ?? [])] };
}

/** The organisation's and each selected stored team's outlook for a run starting `now`, from checkpoints and counts. */
export async function readHistory(store: Store, settings: SyncSettings, now: Date): Promise<StoredHistory> {
  const states = new Map<string, Map<string, StreamState>>();
  for (const row of await store.listStreamStates()) {
    const ofScope = states.get(row.teamId) ?? new Map<string, StreamState>();
    ofScope.set(row.stream, row);
    states.set(row.teamId, ofScope);
  }
  const stored = await store.listStoredTeams();
  const selected = settings.teams ? stored.filter((t) => settings.teams?.includes(t.id)) : stored;
  const teams: ScopeOutlook[] = [];
  const trends = new Map<string, TeamTrend>();
  for (const team of selected) {
    const { outlook, trend } = await readTeam(store, team, states.get(team.id) ?? new Map(), settings, now);
    teams.push(outlook);
    trends.set(team.id, trend);
  }
  return {
    outlook: { organisation: emptyOutlook(ORG_SCOPE, '(organisation)', successes(states.get(ORG_SCOPE))), teams },
    trends,
    meanRequestMs: await store.ledger.meanRequestMs(),
    missing: (settings.teams ?? []).filter((id) => !stored.some((t) => t.id === id)),
  };
}

async function readTeam(
  store: Store,
  team: { id: string; name: string },
  states: Map<string, StreamState>,
  settings: SyncSettings,
  now: Date,
): Promise<{ outlook: ScopeOutlook; trend: TeamTrend }> {
  const incidents = states.get('incidents') ?? NO_CHECKPOINT;
  const watermark = incidents.watermark === null ? null : Date.parse(incidents.watermark);
  const sinceMs = watermark === null || Number.isNaN(watermark) ? Number.MIN_SAFE_INTEGER : watermark - settings.incidentLookbackMs;
  const counts = await store.countIncidents(team.id, { sinceMs, rateSinceMs: now.getTime() - TREND_DAYS * DAY_MS });
  // Until a full read has ended, the store holds only the part of the listing read so far.
  const backfilled = incidents.lastFullAt !== null && incidents.resumePage === null;
  const schedules = await store.listStoredSchedules(team.id);
  // The schedules are stored earlier in the run than the on-call streams read them: a team never listed has some to come.
  const schedulesKnown = states.get('oncall_schedules')?.lastSuccessAt != null;
  const outlook: ScopeOutlook = {
    id: team.id,
    name: team.name,
    stored: true,
    incidents,
    listed: counts.stored,
    sinceWatermark: counts.triggeredSince,
    leftOpenSet: 0,
    pendingActivity: await store.countPendingActivity(team.id, activitySince(settings, now)),
    schedules: schedulesKnown ? schedules.length : 1,
    schedulesWithoutShifts: schedulesKnown ? schedules.filter((s) => !s.hasShifts).length : 1,
    lastSuccess: successes(states),
    unknown: backfilled ? [] : ['the incidents its backfill has still to read, and their activity logs'],
    assumed: schedulesKnown ? [] : ['one on-call schedule (none listed yet)'],
  };
  return { outlook, trend: { arrivalsPerDay: counts.triggeredRecently / TREND_DAYS, resolutionsPerDay: counts.resolvedRecently / TREND_DAYS } };
}

function successes(states: Map<string, StreamState> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [stream, state] of states ?? []) if (state.lastSuccessAt !== null) map.set(stream, state.lastSuccessAt);
  return map;
}
