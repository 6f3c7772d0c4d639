import { acquireRunLock, closeAbandonedRuns, finishRun, startRun, type RunStatus, type StreamRecord } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import { RequestBudgetError } from '../spike/index.js';
import type { SyncDeps, SyncSettings } from './context.js';
import { InterruptedError } from './errors.js';
import { forEachTeam, type TeamResult } from './for-each-team.js';
import { runStream, ORG_SCOPE } from './stream-runner.js';
import { reconcileOpenSet, syncIncidents } from './sync-incidents.js';
import { markSuccess, syncOrgMembers, syncTeams, type ListedTeam } from './sync-org.js';
import { syncOncallSchedules, syncTeamMembers } from './sync-team-snapshots.js';

export interface RunResult {
  runId: number;
  status: Exclude<RunStatus, 'running'>;
  orgStreams: StreamRecord[];
  teams: TeamResult[];
  requests: number;
  durationMs: number;
}

/** A lock whose heartbeat is this old belongs to a process that is gone. */
const LOCK_STALE_MS = 120_000;
const HEARTBEAT_MS = 15_000;

/**
 * One sync pass: organisation streams, then every selected team in turn. Holds the store's run
 * lock throughout, and records the run and each stream in the ledger. A spent request budget ends
 * the run as `partial`; a stop signal ends it as `interrupted` (rethrown); fatal errors as `failed` (rethrown).
 */
export async function runSync(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<RunResult> {
  const lock = acquireRunLock(deps.repos.store.sqlite, { now: deps.clock.now(), staleMs: LOCK_STALE_MS });
  const heartbeat = setInterval(() => lock.heartbeat(deps.clock.now().toISOString()), HEARTBEAT_MS).unref();
  deps.client.stopWaitingOn(deps.signal);
  try {
    return await runLocked(deps, settings, trigger);
  } finally {
    clearInterval(heartbeat);
    deps.client.stopWaitingOn(null);
    deps.client.limitRequests(null);
    lock.release();
  }
}

async function runLocked(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<RunResult> {
  const { db } = deps.repos.store;
  const started = deps.clock.now();
  const requestsBefore = deps.client.requestCount;
  deps.client.limitRequests(settings.requestCap);
  closeAbandonedRuns(db, started.toISOString());
  const runId = startRun(db, { trigger, full: settings.full, now: started.toISOString(), pid: process.pid });
  const orgStreams: StreamRecord[] = [];
  const teams: TeamResult[] = [];
  let status: Exclude<RunStatus, 'running'> = 'failed';
  let error: string | null = null;
  try {
    await syncEverything(deps, runId, settings, orgStreams, teams);
    status = teams.every((t) => t.ok) && orgStreams.every((s) => s.status === 'ok') ? 'ok' : 'partial';
  } catch (err) {
    error = describeError(err);
    if (err instanceof RequestBudgetError) {
      status = 'partial';
      deps.logger.warn({ cap: settings.requestCap }, 'request budget of this run spent; the next run continues from the checkpoints');
    } else {
      status = err instanceof InterruptedError ? 'interrupted' : 'failed';
      throw err;
    }
  } finally {
    const requests = deps.client.requestCount - requestsBefore;
    const teamsOk = teams.filter((t) => t.ok).length;
    finishRun(db, runId, { status, requests, teamsOk, teamsFailed: teams.length - teamsOk, error, now: deps.clock.now().toISOString() });
  }
  const requests = deps.client.requestCount - requestsBefore;
  deps.logger.info({ run: runId, status, teams: teams.length, requests, ms: deps.clock.now().getTime() - started.getTime() }, `run ${runId} ${status}`);
  return { runId, status, orgStreams, teams, requests, durationMs: deps.clock.now().getTime() - started.getTime() };
}

async function syncEverything(deps: SyncDeps, runId: number, settings: SyncSettings, orgStreams: StreamRecord[], teams: TeamResult[]): Promise<void> {
  // Under a monthly budget, the open incidents of every known team are reconciled before anything else.
  const reconciled = new Set<string>();
  if (settings.openSetFirst) {
    const known = selectTeams(deps, deps.repos.listStoredTeams(), settings);
    const firstPass = await forEachTeam(deps, known, async (team) => [
      await runStream(deps, { runId, teamId: team.id, stream: 'open_incidents' }, async (tally) => {
        await reconcileOpenSet(deps, team, tally);
        markSuccess(deps, 'open_incidents', team.id);
      }),
    ]);
    // A team whose open set failed here gets it reconciled again in its incidents stream, whose outcome counts.
    for (const result of firstPass) if (result.ok) reconciled.add(result.team.id);
  }
  const listed = await syncOrg(deps, runId, settings, orgStreams);
  await forEachTeam(deps, listed, (team) => syncTeam(deps, runId, team, settings, reconciled.has(team.id)), teams);
}

/** Teams and org members; returns the teams to walk. If the team listing fails, the teams already stored stand in. */
async function syncOrg(deps: SyncDeps, runId: number, settings: SyncSettings, records: StreamRecord[]): Promise<ListedTeam[]> {
  let listed: ListedTeam[] | null = null;
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'teams' }, async (tally) => {
    listed = await syncTeams(deps, settings.full, tally);
  }));
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'users' }, (tally) => syncOrgMembers(deps, settings.full, tally)));
  return selectTeams(deps, listed ?? deps.repos.listStoredTeams(), settings);
}

/**
 * The teams to walk, in listing order. Under a request cap the team whose incidents synced least
 * recently goes first, so capped runs take turns instead of spending every budget on the first team.
 */
function selectTeams(deps: SyncDeps, known: readonly ListedTeam[], settings: SyncSettings): ListedTeam[] {
  const teams = settings.teams ? settings.teams.map((id) => known.find((t) => t.id === id) ?? { id, name: id }) : [...known];
  if (settings.requestCap === null) return teams;
  const last = deps.repos.listLastSuccess('incidents');
  return teams.sort((a, b) => (last.get(a.id) ?? '').localeCompare(last.get(b.id) ?? ''));
}

async function syncTeam(deps: SyncDeps, runId: number, team: ListedTeam, settings: SyncSettings, openSetDone: boolean): Promise<StreamRecord[]> {
  const spec = (stream: string) => ({ runId, teamId: team.id, stream });
  return [
    await runStream(deps, spec('team_members'), (tally) => syncTeamMembers(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('oncall_schedules'), (tally) => syncOncallSchedules(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('incidents'), (tally) => syncIncidents(deps, team, settings, tally, { openSetDone })),
  ];
}
