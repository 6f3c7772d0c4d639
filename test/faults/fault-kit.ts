import type { FaultKind } from '../../src/demo/server.js';
import type { Json } from '../../src/demo/sim-org.js';
import type { SqliteHandle } from '../../src/db/index.js';
import type { Harness } from '../helpers/harness.js';

export type Db = SqliteHandle['sqlite'];
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
  const db = h.store().sqlite;
  const before = teamSnapshot(db, a);
  const checkpoint = stateOf(db, a, 'incidents');
  h.clock.advance(QUARTER);
  return { a, b, c, db, before, checkpoint, from: h.server.requests.length };
}

export function teamName(h: Harness, teamId: string): string {
  return String(h.server.org.teams.find((t) => t._id === teamId)?.name);
}

export function incidentsOf(h: Harness, teamId: string): Json[] {
  return h.server.org.incidents.filter((i) => i.team === teamId);
}

export function runRow(db: Db, runId: number): Row {
  return db.prepare('SELECT * FROM sync_runs WHERE id = ?').get(runId) as Row;
}

export function allRuns(db: Db): Row[] {
  return db.prepare('SELECT * FROM sync_runs ORDER BY id').all() as Row[];
}

export function streamRows(db: Db, runId: number): Row[] {
  return db.prepare('SELECT * FROM sync_run_streams WHERE run_id = ? ORDER BY id').all(runId) as Row[];
}

export function streamRow(db: Db, runId: number, teamId: string, stream: string): Row {
  const row = db.prepare('SELECT * FROM sync_run_streams WHERE run_id = ? AND team_id = ? AND stream = ?').get(runId, teamId, stream) as Row | undefined;
  if (!row) throw new Error(`no ledger row for run ${runId}, team ${teamId}, stream ${stream}`);
  return row;
}

export function count(db: Db, sql: string, ...params: unknown[]): number {
  return db.prepare(sql).pluck().get(...params) as number;
}

/** Every stored row of one team, bookkeeping included: equal snapshots mean nothing was written. */
export function teamSnapshot(db: Db, teamId: string): { incidents: Row[]; members: Row[]; schedules: Row[] } {
  const all = (sql: string) => db.prepare(sql).all(teamId) as Row[];
  return {
    incidents: all('SELECT * FROM incidents WHERE team_id = ? ORDER BY id'),
    members: all('SELECT * FROM team_members WHERE team_id = ? ORDER BY id'),
    schedules: all('SELECT * FROM oncall_schedules WHERE team_id = ? ORDER BY id'),
  };
}

/** The checkpoint row of one stream of one team. */
export function stateOf(db: Db, teamId: string, stream: string): Row | undefined {
  return db.prepare('SELECT * FROM sync_state WHERE team_id = ? AND stream = ?').get(teamId, stream) as Row | undefined;
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

