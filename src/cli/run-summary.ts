import type { StreamRecord } from '../db/index.js';
import type { RunResult } from '../jobs/run-sync.js';
import { timeSpentMs } from '../jobs/time-spent.js';
import { renderTable, type Cell } from './table.js';

function totals(streams: readonly StreamRecord[]) {
  let rows = 0;
  let requests = 0;
  for (const s of streams) {
    rows += s.rowsInserted + s.rowsUpdated + s.rowsDeleted;
    requests += s.requests;
  }
  // A team's streams of one tier run at once: the time it took, not the sum of theirs.
  return { rows, requests, seconds: Math.round(timeSpentMs(streams) / 100) / 10 };
}

/** One line per team (and one for the organisation streams) plus a total: rows written, requests, seconds. */
export function renderRunSummary(result: RunResult): string {
  const lines: Cell[][] = [];
  const org = totals(result.orgStreams);
  const orgFailed = result.orgStreams.filter((s) => s.status === 'failed').map((s) => s.stream);
  lines.push(['(organisation)', orgFailed.length ? `failed: ${orgFailed.join(', ')}` : 'ok', org.rows, org.requests, org.seconds]);
  for (const t of result.teams) {
    const sum = totals(t.streams);
    const failed = t.streams.filter((s) => s.status === 'failed' || s.status === 'interrupted').map((s) => s.stream);
    const outcome = t.skipped !== undefined ? `skipped: ${t.skipped}` : failed.length ? `failed: ${failed.join(', ')}` : 'ok';
    lines.push([t.team.name, outcome, sum.rows, sum.requests, sum.seconds]);
  }
  for (const id of result.unknownTeams) lines.push([id, 'unknown team: not in the organisation', 0, 0, 0]);
  const all = totals([...result.orgStreams, ...result.teams.flatMap((t) => t.streams)]);
  lines.push([`total (${result.teams.length} teams, run ${result.runId})`, result.status, all.rows, result.requests, Math.round(result.durationMs / 100) / 10]);
  return renderTable(['team', 'status', 'rows written', 'requests', 'seconds'], lines);
}

export function firstErrors(result: RunResult): string[] {
  const unknown = result.unknownTeams.map((id) => `team ${id}: not a team of this organisation (check SPIKE_TEAMS and --team); skipped`);
  const failed = [...result.orgStreams, ...result.teams.flatMap((t) => t.streams)]
    .filter((s) => s.error)
    .map((s) => `${s.teamId === '*' ? 'organisation' : `team ${s.teamId}`} ${s.stream}: ${s.error}`);
  return [...unknown, ...failed];
}
