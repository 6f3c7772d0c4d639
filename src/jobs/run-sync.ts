import type { RunStatus, StreamRecord } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import { RequestBudgetError } from '../spike/index.js';
import type { SyncDeps, SyncSettings } from './context.js';
import { InterruptedError, asFatal } from './errors.js';
import { forEachTeam, type TeamResult } from './for-each-team.js';
import { holdLock } from './hold-lock.js';
import { selectStoredTeams, selectTeams, type TeamSelection } from './select-teams.js';
import { runStream, ORG_SCOPE } from './stream-runner.js';
import { reconcileOpenSet, syncIncidents } from './sync-incidents.js';
import { markSuccess, syncOrgMembers, syncTeams, type ListedTeam } from './sync-org.js';
import { syncOncallSchedules, syncTeamMembers } from './sync-team-snapshots.js';

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
  const requestsBefore = deps.client.requestCount;
  deps.client.limitRequests(settings.requestCap);
  await ledger.closeAbandonedRuns(started.toISOString());
  const runId = await ledger.startRun({ trigger, full: settings.full, now: started.toISOString(), pid: process.pid });
  const orgStreams: StreamRecord[] = [];
  const teams: TeamResult[] = [];
  const unknownTeams: string[] = [];
  let status: Exclude<RunStatus, 'running'>;
  let error: string | null = null;
  let stop: unknown = null;
  try {
    unknownTeams.push(...(await syncEverything(deps, runId, settings, orgStreams, teams)));
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
  const teamsOk = teams.filter((t) => t.ok).length;
  const outcome = { status, requests: deps.client.requestCount - requestsBefore, teamsOk, teamsFailed: teams.length - teamsOk + unknownTeams.length, error };
  try {
    await ledger.finishRun(runId, { ...outcome, now: deps.clock.now().toISOString() });
  } catch (err) {
    // A run that is already stopping keeps its own error; the next run marks this one interrupted.
    if (stop === null) throw asFatal(err);
    deps.logger.error({ run: runId, err: describeError(err) }, 'could not record the outcome of the run');
  }
  if (stop !== null) throw stop;
  const requests = deps.client.requestCount - requestsBefore;
  deps.logger.info({ run: runId, status, teams: teams.length, requests, ms: deps.clock.now().getTime() - started.getTime() }, `run ${runId} ${status}`);
  return { runId, status, orgStreams, teams, unknownTeams, requests, durationMs: deps.clock.now().getTime() - started.getTime() };
}

/** Returns the asked-for team ids the organisation does not have. */
async function syncEverything(deps: SyncDeps, runId: number, settings: SyncSettings, orgStreams: StreamRecord[], teams: TeamResult[]): Promise<string[]> {
  // Under a monthly budget, the open incidents of every known team are reconciled before anything else.
  const reconciled = new Set<string>();
  if (settings.openSetFirst) {
    const known = await selectStoredTeams(deps, settings);
    const firstPass = await forEachTeam(deps, known, async (team) => [
      await runStream(deps, { runId, teamId: team.id, stream: 'open_incidents' }, async (tally) => {
        await reconcileOpenSet(deps, team, tally);
        await markSuccess(deps, 'open_incidents', team.id);
      }),
    ]);
    // A team whose open set failed here gets it reconciled again in its incidents stream, whose outcome counts.
    for (const result of firstPass) if (result.ok) reconciled.add(result.team.id);
  }
  const selected = await syncOrg(deps, runId, settings, orgStreams);
  await forEachTeam(deps, selected.teams, (team) => syncTeam(deps, runId, team, settings, reconciled.has(team.id)), teams);
  return selected.unknown;
}

/** The run's `error` when asked-for teams do not exist; the run is `partial`, not failed. */
function describeUnknownTeams(ids: readonly string[]): string {
  return `not a team of this organisation: ${ids.join(', ')}`;
}

/** Teams and org members; returns the teams to walk. If the team listing fails, the teams already stored stand in. */
async function syncOrg(deps: SyncDeps, runId: number, settings: SyncSettings, records: StreamRecord[]): Promise<TeamSelection> {
  let listed: ListedTeam[] | null = null;
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'teams' }, async (tally) => {
    listed = await syncTeams(deps, settings.full, tally);
  }));
  records.push(await runStream(deps, { runId, teamId: ORG_SCOPE, stream: 'users' }, (tally) => syncOrgMembers(deps, settings.full, tally)));
  return selectTeams(deps, listed, settings);
}

async function syncTeam(deps: SyncDeps, runId: number, team: ListedTeam, settings: SyncSettings, openSetDone: boolean): Promise<StreamRecord[]> {
  const spec = (stream: string) => ({ runId, teamId: team.id, stream });
  return [
    await runStream(deps, spec('team_members'), (tally) => syncTeamMembers(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('oncall_schedules'), (tally) => syncOncallSchedules(deps, team.id, settings.full, tally)),
    await runStream(deps, spec('incidents'), (tally) => syncIncidents(deps, team, settings, tally, { openSetDone })),
  ];
}
