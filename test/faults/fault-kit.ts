import type { FaultKind } from '../../src/demo/server.js';
import type { Json } from '../../src/demo/sim-org.js';
import type { Harness } from '../helpers/harness.js';
import type { StoreReads } from '../helpers/store-reads.js';

export type Row = Record<string, unknown>;

/** Three teams: the first spans two incident pages, the others one each. */
export const SMALL_ORG = { teams: 3, incidentsPerTeam: [130, 40, 12] };

export const QUARTER = 15 * 60_000;

export function teamIdsOf(h: Harness): string[] {
  return h.server.org.teams.map((t) => t._id as string);
}

/**
 * The start of every "fault after a clean run" test: syncs cleanly, keeps the first team's rows
 * and incident checkpoint to compare with later, moves the clock on and marks where the log stands.
 */
export async function afterCleanRun(h: Harness) {
  const [a = '', b = '', c = ''] = teamIdsOf(h);
  await h.sync();
  const before = await teamSnapshot(h, a);
  const checkpoint = await stateOf(h, a, 'incidents');
  h.clock.advance(QUARTER);
  return { a, b, c, before, checkpoint, from: h.server.requests.length };
}

export function teamName(h: Harness, teamId: string): string {
  return String(h.server.org.teams.find((t) => t._id === teamId)?.name);
}

export function incidentsOf(h: Harness, teamId: string): Json[] {
  return h.server.org.incidents.filter((i) => i.team === teamId);
}

export async function runRow(h: StoreReads, runId: number): Promise<Row> {
  const row = await h.one('SELECT * FROM sync_runs WHERE id = @runId', { runId });
  if (!row) throw new Error(`no run ${runId} in the ledger`);
  return row;
}

export async function allRuns(h: StoreReads): Promise<Row[]> {
  return h.query('SELECT * FROM sync_runs ORDER BY id');
}

export async function streamRows(h: StoreReads, runId: number): Promise<Row[]> {
  return h.query('SELECT * FROM sync_run_streams WHERE run_id = @runId ORDER BY id', { runId });
}

export async function streamRow(h: StoreReads, runId: number, teamId: string, stream: string): Promise<Row> {
  const row = await h.one('SELECT * FROM sync_run_streams WHERE run_id = @runId AND team_id = @teamId AND stream = @stream', { runId, teamId, stream });
  if (!row) throw new Error(`no ledger row for run ${runId}, team ${teamId}, stream ${stream}`);
  return row;
}

/** Every stored row of one team, bookkeeping included: equal snapshots mean nothing was written. */
export async function teamSnapshot(h: StoreReads, teamId: string): Promise<{ incidents: Row[]; members: Row[]; schedules: Row[] }> {
  const all = (table: string) => h.query(`SELECT * FROM ${table} WHERE team_id = @teamId ORDER BY id`, { teamId });
  return { incidents: await all('incidents'), members: await all('team_members'), schedules: await all('oncall_schedules') };
}

/** The checkpoint row of one stream of one team. */
export async function stateOf(h: StoreReads, teamId: string, stream: string): Promise<Row | undefined> {
  return h.one('SELECT * FROM sync_state WHERE team_id = @teamId AND stream = @stream', { teamId, stream });
}

export interface Hit {
  index: number;
  path: string;
  query: Record<string, string>;
  teamId: string | undefined;
  status: number;
}

/** Requests the server saw from `from` on for one path (and team, when given), with their position in the log. */
export function hits(h: Harness, path: string, teamId?: string, from = 0): Hit[] {
  return h.server.requests
    .map((r, index) => ({ index, path: r.path, query: r.query, teamId: r.teamId, status: r.status }))
    .slice(from)
    .filter((r) => r.path === path && (teamId === undefined || r.teamId === teamId));
}

export function requestsOfTeam(h: Harness, teamId: string, from = 0): Hit[] {
  return h.server.requests
    .map((r, index) => ({ index, path: r.path, query: r.query, teamId: r.teamId, status: r.status }))
    .slice(from)
    .filter((r) => r.teamId === teamId);
}

/** The status the request log records for one attempt that met this fault. */
export function loggedStatus(fault: FaultKind): number {
  switch (fault.kind) {
    case 'status':
      return fault.status;
    case 'html':
      return fault.status ?? 502;
    case 'reset':
    case 'garbled':
      return 0;
    default:
      return 200;
  }
}

/** Page 1 of a team's `/incidents` as the simulated API serves it (newest NACK_at first), as a detached copy. */
export function firstIncidentPage(h: Harness, teamId: string, perPage = 100): Json[] {
  const items = [...incidentsOf(h, teamId)].sort((a, b) => String(b.NACK_at).localeCompare(String(a.NACK_at)));
  return JSON.parse(JSON.stringify(items.slice(0, perPage))) as Json[];
}

