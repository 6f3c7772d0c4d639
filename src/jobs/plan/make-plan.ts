import type { Store } from '../../db/index.js';
import type { Clock } from '../../lib/clock.js';
import { firstIncidentPage, listTeams, type SpikeClient } from '../../spike/index.js';
import type { SyncSettings } from '../context.js';
import { mapTeam } from '../mappers/org-entities.js';
import { estimateRun, type ScopeEstimate } from './estimate.js';
import { fittingFullSyncInterval, fittingStep } from './fit-budget.js';
import { outlookFromFirstPage } from './first-look.js';
import { projectMonth, type MonthInput } from './month.js';
import { emptyOutlook, type ScopeOutlook } from './outlook.js';
import { secondsFor, type Pace } from './pace.js';
import { noHistory, readHistory, type StoredHistory } from './read-history.js';

export interface PlanDeps {
  /** The store, or null when there is none yet. */
  store: Store | null;
  /** The API, or null to send nothing (`--offline`). */
  client: SpikeClient | null;
  clock: Clock;
}

export interface PlanRequest {
  settings: SyncSettings;
  pace: Omit<Pace, 'meanRequestMs'>;
  /** When the month's runs start (from SPIKE_SYNC_CRON) and the budget to compare them with; null: the next run only. */
  month: { firings: readonly number[]; allFirings: boolean; budget: number | null } | null;
}

export interface ScopePlan extends ScopeEstimate {
  seconds: number | null;
}

export interface MonthPlan {
  runs: number;
  requests: number;
  budget: number | null;
  /** Null without a budget. */
  fits: boolean | null;
  /** When it does not fit: the most frequent even schedule that would, and the shortest full-sync interval that would. */
  fittingStepMs: number | null;
  fittingFullSyncMs: number | null;
}

export interface Plan {
  organisation: ScopePlan;
  teams: ScopePlan[];
  requests: number;
  seconds: number | null;
  /** False when something could not be counted: `requests` is then a lower bound (see `notes` and each team's `unknown`). */
  complete: boolean;
  /** Requests this plan itself sent to Spike (0 offline). */
  lookRequests: number;
  pace: Pace;
  notes: string[];
  month: MonthPlan | null;
}

/**
 * What the next run (and, asked, a month of runs) will cost, from the store's history. Teams the store cannot describe
 * (none stored yet, an asked-for team it lacks, a backfill not finished) are looked at on the API unless `client` is
 * null: the team listing when a team is missing (1 request) and each such team's first incident page (1 each).
 */
export async function makePlan(deps: PlanDeps, request: PlanRequest): Promise<Plan> {
  const { settings } = request;
  const now = deps.clock.now();
  let history = deps.store ? await readHistory(deps.store, settings, now) : noHistory(settings);
  const notes: string[] = [];
  let lookRequests = 0;
  let lookMs = 0;
  if (deps.client) {
    const before = deps.client.requestCount;
    const started = performance.now();
    history = await lookAtApi(deps.client, history, settings, now, notes);
    lookRequests = deps.client.requestCount - before;
    lookMs = performance.now() - started;
  } else if (history.outlook.teams.length === 0 || history.missing.length > 0) {
    // Teams asked for by id that the store lacks are named, whether or not it holds others.
    const lacking = history.missing.length > 0 ? `the teams the store does not hold (${history.missing.join(', ')})` : 'the teams (the store holds none yet)';
    notes.push(`${lacking}; without --offline, plan asks Spike for them and their first incident pages`);
  }
  const estimate = estimateRun(history.outlook, settings, now);
  const pace: Pace = { ...request.pace, meanRequestMs: history.meanRequestMs ?? (lookRequests > 0 ? lookMs / lookRequests : null) };
  const timed = (scope: ScopeEstimate): ScopePlan => ({ ...scope, seconds: secondsFor(scope.requests, scope.paged, pace) });
  const teams = estimate.teams.map(timed);
  const organisation = timed(estimate.organisation);
  const seconds = [organisation, ...teams].reduce<number | null>((sum, s) => (sum === null || s.seconds === null ? null : sum + s.seconds), 0);
  const month = request.month ? planMonth({ outlook: history.outlook, trends: history.trends, settings, ...request.month }, request.month.budget) : null;
  return {
    organisation,
    teams,
    requests: estimate.requests,
    seconds,
    complete: estimate.complete && notes.length === 0,
    lookRequests,
    pace,
    notes,
    month,
  };
}

function planMonth(input: MonthInput, budget: number | null): MonthPlan {
  const { runs, requests } = projectMonth(input);
  const fits = budget === null ? null : requests <= budget;
  return {
    runs,
    requests,
    budget,
    fits,
    fittingStepMs: fits === false && budget !== null ? fittingStep(input, budget) : null,
    fittingFullSyncMs: fits === false && budget !== null ? fittingFullSyncInterval(input, budget) : null,
  };
}

/**
 * Completes the store's picture from the API: the team listing when the store lacks a team, and the first incident
 * page of every team whose listing's length the store cannot tell. Asked-for ids the listing lacks are noted.
 */
async function lookAtApi(client: SpikeClient, history: StoredHistory, settings: SyncSettings, now: Date, notes: string[]): Promise<StoredHistory> {
  let teams: ScopeOutlook[] = [...history.outlook.teams];
  if (teams.length === 0 || history.missing.length > 0) {
    const listed = (await listTeams(client)).flatMap((item) => {
      const mapped = mapTeam(item);
      return mapped.ok ? [{ id: mapped.row.id, name: mapped.row.name }] : [];
    });
    const wanted = settings.teams ? listed.filter((t) => settings.teams?.includes(t.id)) : listed;
    for (const id of settings.teams ?? []) if (!listed.some((t) => t.id === id)) notes.push(`${id} (SPIKE_TEAMS or --team) is not a team of this organisation`);
    const added = wanted.filter((t) => !teams.some((known) => known.id === t.id));
    // Not stored: each gets its first page read below.
    teams = [...teams, ...added.map((t) => emptyOutlook(t.id, t.name))];
  }
  const trends = new Map(history.trends);
  const looked: ScopeOutlook[] = [];
  for (const team of teams) {
    if (team.stored && team.unknown.length === 0) {
      looked.push(team);
      continue;
    }
    const seen = outlookFromFirstPage(team, await firstIncidentPage(client, team.id), settings, now);
    trends.set(team.id, seen.trend);
    looked.push(team.stored ? withFirstPage(team, seen.outlook) : seen.outlook);
  }
  return { ...history, outlook: { ...history.outlook, teams: looked }, trends, missing: [] };
}

/** A stored team whose backfill has not ended, with what its first page tells of the whole listing. */
function withFirstPage(stored: ScopeOutlook, seen: ScopeOutlook): ScopeOutlook {
  return {
    ...stored,
    listed: Math.max(stored.listed, seen.listed),
    sinceWatermark: Math.max(stored.sinceWatermark, seen.sinceWatermark),
    pendingActivity: Math.max(stored.pendingActivity, seen.pendingActivity),
    unknown: seen.unknown,
  };
}
