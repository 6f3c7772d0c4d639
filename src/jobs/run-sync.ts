import type { RunStatus, StreamRecord } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import { RequestBudgetError, RequestMeter } from '../spike/index.js';
import type { SyncDeps, SyncSettings } from './context.js';
import { InterruptedError, asFatal } from './errors.js';
import { forEachTeam, type TeamResult, type TeamVisit } from './for-each-team.js';
import { dueStreamsFor } from './due-streams.js';
import { holdLock } from './hold-lock.js';
import { buildReportIndexes, setReportIndexesAside } from './report-indexes.js';
import { estimateFromStore } from './plan/recorded-estimate.js';
import { selectStoredTeams, selectTeams, type TeamSelection } from './select-teams.js';
import type { ListedTeam, RunState } from './stream-context.js';
import { ORG_SCOPE } from './stream-runner.js';
import { runAtOnce, runInTurn, type StreamPlan } from './run-together.js';
import { STREAMS, tiersOf, type StreamDefinition } from './streams.js';

export interface RunResult {
  runId: number;
  status: Exclude<RunStatus, 'running'>;
  orgStreams: StreamRecord[];
  teams: TeamResult[];
  /** Asked-for team ids the organisation does not have: not walked, and the run is `partial`. */
  unknownTeams: string[];
  requests: number;
  durationMs: number;
}

/**
 * One sync pass: organisation streams, then every selected team in turn. Holds the store's run
 * lock throughout, and records the run and each stream in the ledger. A spent request budget ends
 * the run as `partial`; a stop signal ends it as `interrupted` (rethrown); fatal errors as `failed` (rethrown).
 */
export async function runSync(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<RunResult> {
  const lock = await holdLock(deps, 'sync');
  deps.client.stopWaitingOn(deps.signal);
  try {
    return await runLocked(deps, settings, trigger);
  } finally {
    deps.client.stopWaitingOn(null);
    deps.client.limitRequests(null);
    await lock.release();
  }
}

async function runLocked(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<RunResult> {
  const { ledger } = deps.store;
  const started = deps.clock.now();
  // The sum of the run's streams: each counts its own requests, whatever runs beside it.
  const meter = new RequestMeter();
  deps.client.limitRequests(settings.requestCap);
  await ledger.closeAbandonedRuns(started.toISOString());
  const estimatedRequests = await estimateFromStore(deps, settings, started);
  const deferred = await setReportIndexesAside(deps);
  const runId = await ledger.startRun({ trigger, full: settings.full, now: started.toISOString(), pid: process.pid, estimatedRequests });
  const orgStreams: StreamRecord[] = [];
  const teams: TeamResult[] = [];
  const unknownTeams: string[] = [];
  let status: Exclude<RunStatus, 'running'>;
  let error: string | null = null;
  let stop: unknown = null;
  try {
    const since = (settings.tickStartedAt ?? started).toISOString();
    unknownTeams.push(...(await syncEverything(deps, { runId, runMeter: meter }, { ...settings, since }, orgStreams, teams)));
    status = teams.every((t) => t.ok) && orgStreams.every((s) => s.status === 'ok') && unknownTeams.length === 0 ? 'ok' : 'partial';
    if (unknownTeams.length > 0) error = describeUnknownTeams(unknownTeams);
  } catch (err) {
    error = deps.client.scrub(describeError(err));
    if (err instanceof RequestBudgetError) {
      status = 'partial';
      deps.logger.warn({ cap: settings.requestCap }, 'request budget of this run spent; the next run continues from the checkpoints');
    } else {
      status = err instanceof InterruptedError ? 'interrupted' : 'failed';
      stop = err;
    }
  }
  // A run that stopped leaves them aside: the next run goes on with the backfill, and builds them when it ends.
  if (deferred && stop === null && !deps.signal.aborted) {
    try {
      await buildReportIndexes(deps, deferred);
    } catch (err) {
      status = err instanceof InterruptedError ? 'interrupted' : 'failed';
      error = deps.client.scrub(describeError(err));
      stop = err;
    }
  }
  const synced = teams.filter((t) => t.skipped === undefined);
  const teamsOk = synced.filter((t) => t.ok).length;
  const outcome = { status, requests: meter.sent, teamsOk, teamsFailed: synced.length - teamsOk + unknownTeams.length, error };
  try {
    await ledger.finishRun(runId, { ...outcome, now: deps.clock.now().toISOString() });
  } catch (err) {
    // A run that is already stopping keeps its own error; the next run marks this one interrupted.
    if (stop === null) throw asFatal(err);
    deps.logger.error({ run: runId, err: describeError(err) }, 'could not record the outcome of the run');
  }
  if (stop !== null) throw stop;
  const durationMs = deps.clock.now().getTime() - started.getTime();
  deps.logger.info({ run: runId, status, teams: teams.length, requests: outcome.requests, ms: durationMs }, `run ${runId} ${status}`);
  return { runId, status, orgStreams, teams, unknownTeams, requests: outcome.requests, durationMs };
}

/**
 * Runs the due streams tier by tier: a tier's organisation streams once, then its team streams team by team, one
 * team at a time (Spike scopes each request to one team), the team's streams of the tier at once.
 * Team tiers before the organisation's listing walk the teams already stored; later ones walk the listed
 * teams. Returns the asked-for team ids the organisation does not have.
 */
async function syncEverything(
  deps: SyncDeps,
  ledgerRun: { runId: number; runMeter: RequestMeter },
  settings: SyncSettings & { since: string },
  orgStreams: StreamRecord[],
  teams: TeamResult[],
): Promise<string[]> {
  const run: RunState = { listed: null, openSetDone: new Set() };
  const organisation: ListedTeam = { id: ORG_SCOPE, name: '(organisation)' };
  let listingDone = false;
  let selection: TeamSelection | null = null;
  for (const tier of tiersOf(STREAMS)) {
    const due = tier.filter((s) => s.due(settings));
    const planFor = (team: ListedTeam): StreamPlan => ({
      spec: (def) => ({ ...ledgerRun, teamId: team.id, stream: def.name }),
      body: (def) => (tally, streamDeps) => def.run({ deps: streamDeps, settings, team, tally, run }),
    });
    const orgDue = await dueStreamsFor(deps, settings, ORG_SCOPE, due.filter((s) => s.scope === 'organisation'));
    if (orgDue.length > 0) {
      // One worker at a time runs the organisation's streams; the others wait for it, then find them done.
      const visit = await claimed(deps, organisation, orgDue, settings.since, { wait: true, evenIfDone: settings.full }, () => runInTurn(deps, orgDue, planFor(organisation)));
      if (Array.isArray(visit)) orgStreams.push(...visit);
      else deps.logger.info({ skipped: visit.skipped }, `organisation streams skipped: ${visit.skipped}`);
    }
    listingDone ||= due.some((s) => s.listsTeams === true);
    const teamStreams = due.filter((s) => s.scope === 'team');
    if (teamStreams.length === 0) continue;
    const walk = listingDone ? (selection ??= await selectTeams(deps, run.listed, settings)).teams : await selectStoredTeams(deps, settings);
    // A team none of whose streams of this tier is due (interval streams read recently) is not visited at all.
    const dueOf = new Map<string, StreamDefinition[]>();
    for (const team of walk) dueOf.set(team.id, await dueStreamsFor(deps, settings, team.id, teamStreams));
    const results: TeamResult[] = [];
    try {
      // A --full run is asked for by a person: it waits for a team another worker holds, then reads it in full.
      const insist = { wait: settings.full, evenIfDone: settings.full };
      const visited = walk.filter((team) => (dueOf.get(team.id) ?? []).length > 0);
      await forEachTeam(deps, visited, (team) => {
        const streams = dueOf.get(team.id) ?? [];
        return claimed(deps, team, streams, settings.since, insist, () => runAtOnce(deps, streams, planFor(team)));
      }, results);
    } finally {
      // Teams done before a stop still count. A provisional tier's work is done again later in the run,
      // so its outcome is in the ledger but not the run's.
      if (!teamStreams.every((s) => s.provisional)) mergeTeamResults(teams, results);
    }
  }
  return selection?.unknown ?? [];
}

/**
 * Runs `work` for a team (or the organisation) while this process holds its claim. Another worker holding it,
 * or having run every one of `streams` since the tick began, well or not (checked once the claim is held, so two
 * workers never both find it undone), means there is nothing to do here. With one writer per store both pass.
 */
async function claimed(
  deps: SyncDeps,
  team: ListedTeam,
  streams: readonly StreamDefinition[],
  since: string,
  options: { wait: boolean; evenIfDone: boolean },
  work: () => Promise<StreamRecord[]>,
): Promise<TeamVisit> {
  const claim = await deps.store.claim(team.id, { wait: options.wait, signal: deps.signal });
  if (!claim) {
    if (deps.signal.aborted) throw new InterruptedError();
    return { skipped: 'another worker is syncing it' };
  }
  try {
    if (!options.evenIfDone && (await deps.store.allDoneSince(team.id, streams.map((s) => s.name), since))) return { skipped: 'another worker synced it this tick' };
    return await work();
  } finally {
    await claim.release();
  }
}

/** Adds a tier's per-team results to the run's, one entry per team however many tiers it had. */
function mergeTeamResults(into: TeamResult[], results: readonly TeamResult[]): void {
  for (const result of results) {
    const known = into.find((r) => r.team.id === result.team.id);
    if (!known) into.push({ ...result, streams: [...result.streams] });
    else {
      known.streams.push(...result.streams);
      known.ok &&= result.ok;
      // Skipped only if every tier skipped it.
      if (result.skipped === undefined) delete known.skipped;
    }
  }
}

/** The run's `error` when asked-for teams do not exist; the run is `partial`, not failed. */
function describeUnknownTeams(ids: readonly string[]): string {
  return `not a team of this organisation: ${ids.join(', ')}`;
}
