import { acquireRunLock, closeAbandonedRuns, finishRun, startRun, type RunStatus, type StreamRecord } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import type { SyncDeps, SyncSettings } from './context.js';
import { InterruptedError } from './errors.js';
import { forEachTeam, type TeamResult } from './for-each-team.js';
import { runStream, ORG_SCOPE } from './stream-runner.js';
import { syncIncidents } from './sync-incidents.js';
import { syncOrgMembers, syncTeams, type ListedTeam } from './sync-org.js';
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
 * lock throughout, and records the run and each stream in the ledger.
 */
export async function runSync(deps: SyncDeps, settings: SyncSettings, trigger: 'cli' | 'cron'): Promise<RunResult> {
  const { db, sqlite } = deps.repos.store;
  const lock = acquireRunLock(sqlite, { now: deps.clock.now(), staleMs: LOCK_STALE_MS });
  const heartbeat = setInterval(() => lock.heartbeat(deps.clock.now().toISOString()), HEARTBEAT_MS).unref();
  const started = deps.clock.now();
  const requestsBefore = deps.client.requestCount;
  closeAbandonedRuns(db, started.toISOString());
  const runId = startRun(db, { trigger, full: settings.full, now: started.toISOString(), pid: process.pid });
  const orgStreams: StreamRecord[] = [];
  let teams: TeamResult[] = [];
  let status: Exclude<RunStatus, 'running'> = 'failed';
  let error: string | null = null;
  try {
    const listed = await syncOrg(deps, runId, settings, orgStreams);
    teams = await forEachTeam(deps, listed, (team) => syncTeam(deps, runId, team, settings));
    status = teams.every((t) => t.ok) && orgStreams.every((s) => s.status === 'ok') ? 'ok' : 'partial';
  } catch (err) {
    status = err instanceof InterruptedError ? 'interrupted' : 'failed';
    error = describeError(err);
    throw err;
  } finally {
    clearInterval(heartbeat);
    const requests = deps.client.requestCount - requestsBefore;
    const teamsOk = teams.filter((t) => t.ok).length;
    finishRun(db, runId, { status, requests, teamsOk, teamsFailed: teams.length - teamsOk, error, now: deps.clock.now().toISOString() });
    lock.release();
  }
  return { runId, status, orgStreams, teams, requests: deps.client.requestCount - requestsBefore, durationMs: deps.clock.now().getTime() - started.getTime() };
}

/** Teams and org members; returns the teams to walk. If the team listing fails, the teams already stored stand in. */
async function syncOrg(deps: SyncDeps, runId: number, settings: SyncSettings, records: StreamRecord[]): Promise<ListedTeam[]> {
  let listed: ListedTeam[] | null = null;
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'teams' }, async (tally) => {
    listed = await syncTeams(deps, settings.full, tally);
  }));
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'users' }, (tally) => syncOrgMembers(deps, settings.full, tally)));
  const known: ListedTeam[] = listed ?? deps.repos.listStoredTeams();
  if (!settings.teams) return known;
  return settings.teams.map((id) => known.find((t) => t.id === id) ?? { id, name: id });
}

async function syncTeam(deps: SyncDeps, runId: number, team: ListedTeam, settings: SyncSettings): Promise<StreamRecord[]> {
  const spec = (stream: string) => ({ runId, teamId: team.id, stream });
  return [
    await runStream(deps, spec('team_members'), (tally) => syncTeamMembers(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('oncall_schedules'), (tally) => syncOncallSchedules(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('incidents'), (tally) => syncIncidents(deps, team, settings, tally)),
  ];
}
