import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite, type SqliteHandle } from '../../src/db/sqlite/index.js';

/**
 * A small organisation whose report figures are worked out by hand in the tests.
 *
 * Alpha: odd and even counts, an incident resolved without being acknowledged, one still open in
 * each status, one just before and one exactly at the end of the window, a soft-deleted incident.
 * Bravo: a fractional acknowledgement time and an open incident. Charlie: no incidents at all.
 * Delta: a soft-deleted team whose incident must never show.
 */
export const ALPHA = 'aaaaaaaaaaaaaaaaaaaaaaaa';
export const BRAVO = 'bbbbbbbbbbbbbbbbbbbbbbbb';
export const CHARLIE = 'cccccccccccccccccccccccc';
export const DELTA = 'dddddddddddddddddddddddd';

/** The window most tests use: [2026-08-01, 2026-08-16). */
export const SINCE = new Date('2026-08-01T00:00:00.000Z');
export const UNTIL = new Date('2026-08-16T00:00:00.000Z');
export const NOW = new Date('2026-08-20T12:00:00.000Z');

type Status = 'NACK' | 'ACK' | 'RES';

interface IncidentSpec {
  id: string;
  team: string;
  title: string;
  status: Status;
  triggered: string;
  /** Seconds after triggering; absent when it never happened. */
  ack?: number;
  res?: number;
  priority?: string;
  severity?: string;
  service?: 'api' | 'db' | 'web' | 'ghost';
  deleted?: boolean;
}

export const INCIDENTS: readonly IncidentSpec[] = [
  { id: 'A1', team: ALPHA, title: 'CPU high', status: 'RES', triggered: '2026-08-01T00:00:00', ack: 60, res: 600, priority: 'p1', severity: 'sev1', service: 'api' },
  { id: 'A2', team: ALPHA, title: 'CPU high', status: 'RES', triggered: '2026-08-03T10:30:00', ack: 120, res: 1200, priority: 'p1', severity: 'sev2', service: 'api' },
  { id: 'A3', team: ALPHA, title: 'Disk full', status: 'ACK', triggered: '2026-08-05T23:59:59', ack: 300, priority: 'p2', severity: 'sev1', service: 'db' },
  { id: 'A4', team: ALPHA, title: 'Manual page', status: 'RES', triggered: '2026-08-10T08:00:00', res: 1800, priority: 'p3' },
  { id: 'A5', team: ALPHA, title: 'CPU high', status: 'NACK', triggered: '2026-08-12T12:00:00', severity: 'sev3', service: 'api' },
  { id: 'A6', team: ALPHA, title: 'Disk full', status: 'RES', triggered: '2026-08-14T00:00:00', ack: 600, res: 2400, priority: 'p3', severity: 'sev3', service: 'db' },
  { id: 'A7', team: ALPHA, title: 'CPU high', status: 'RES', triggered: '2026-07-31T23:59:59', ack: 30, res: 90, priority: 'p1', severity: 'sev1', service: 'api' },
  { id: 'A8', team: ALPHA, title: 'Disk full', status: 'NACK', triggered: '2026-08-16T00:00:00', priority: 'p2', severity: 'sev1', service: 'db' },
  { id: 'AX', team: ALPHA, title: 'CPU high', status: 'RES', triggered: '2026-08-04T00:00:00', ack: 10, res: 20, priority: 'p1', severity: 'sev1', service: 'api', deleted: true },
  { id: 'B1', team: BRAVO, title: 'Latency', status: 'RES', triggered: '2026-08-02T06:00:00', ack: 45, res: 3600, priority: 'p1', severity: 'sev1', service: 'web' },
  { id: 'B2', team: BRAVO, title: 'Latency', status: 'RES', triggered: '2026-08-02T07:00:00', ack: 15, res: 900, priority: 'p2', severity: 'sev2', service: 'web' },
  { id: 'B3', team: BRAVO, title: '5xx spike', status: 'RES', triggered: '2026-08-09T14:00:00', ack: 90.5, res: 7200, priority: 'p1', severity: 'sev1', service: 'web' },
  { id: 'B4', team: BRAVO, title: 'Latency', status: 'NACK', triggered: '2026-08-15T23:00:00', priority: 'p2', severity: 'sev2', service: 'web' },
  { id: 'D1', team: DELTA, title: 'Ghost', status: 'NACK', triggered: '2026-08-05T00:00:00', priority: 'p1', severity: 'sev1', service: 'ghost' },
];

const SEEN = '2026-08-20T11:00:00.000Z';

export function tempDbPath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spike-sync-')), 'spike.db');
}

/** Removes the temporary folder of a store file made by tempDbPath. */
export function removeTempDb(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

export function closeFixtureStore(store: SqliteHandle): void {
  store.close();
  removeTempDb(store.path);
}

/** A store file built by the real migrations and filled with the organisation above. */
export function createFixtureStore(file = tempDbPath()): SqliteHandle {
  const store = openSqlite(file);
  const db = store.sqlite;
  const team = db.prepare(
    `INSERT INTO teams (id, name, is_default, is_private, raw, first_seen_at, synced_at, deleted_at)
     VALUES (?, ?, 0, 0, '{}', ?, ?, ?)`,
  );
  db.transaction(() => {
    team.run(ALPHA, 'Alpha', SEEN, SEEN, null);
    team.run(BRAVO, 'Bravo', SEEN, SEEN, null);
    team.run(CHARLIE, 'Charlie', SEEN, SEEN, null);
    team.run(DELTA, 'Delta', SEEN, SEEN, SEEN);
    insertMembersAndSchedules(store);
    for (const spec of INCIDENTS) insertIncident(store, spec);
    insertSyncState(store);
  })();
  return store;
}

function at(triggered: string, offsetSeconds: number | undefined): string | null {
  if (offsetSeconds === undefined) return null;
  return new Date(Date.parse(`${triggered}Z`) + offsetSeconds * 1000).toISOString();
}

function insertIncident(store: SqliteHandle, spec: IncidentSpec): void {
  const services = { api: 'API', db: 'Database', web: 'Web', ghost: 'Ghost' };
  store.sqlite
    .prepare(
      `INSERT INTO incidents (id, team_id, counter_id, title, status, priority, severity, triggered_at, acknowledged_at,
         resolved_at, service_id, service_name, raw, first_seen_at, synced_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?)`,
    )
    .run(
      spec.id,
      spec.team,
      `#${spec.id}`,
      spec.title,
      spec.status,
      spec.priority ?? null,
      spec.severity ?? null,
      at(spec.triggered, 0),
      at(spec.triggered, spec.ack),
      at(spec.triggered, spec.res),
      spec.service ? `svc-${spec.service}` : null,
      spec.service ? services[spec.service] : null,
      SEEN,
      SEEN,
      spec.deleted ? SEEN : null,
    );
}

function insertMembersAndSchedules(store: SqliteHandle): void {
  const member = store.sqlite.prepare(
    `INSERT INTO team_members (id, team_id, user_id, raw, first_seen_at, synced_at, deleted_at)
     VALUES (?, ?, ?, '{}', ?, ?, ?)`,
  );
  const schedule = store.sqlite.prepare(
    `INSERT INTO oncall_schedules (id, team_id, name, user_ids, layer_count, raw, first_seen_at, synced_at, deleted_at)
     VALUES (?, ?, ?, '[]', 1, '{}', ?, ?, ?)`,
  );
  const members: [string, string, boolean][] = [
    [ALPHA, 'u1', false], [ALPHA, 'u2', false], [ALPHA, 'u3', false], [ALPHA, 'u4', true],
    [BRAVO, 'u1', false], [BRAVO, 'u5', false], [CHARLIE, 'u6', false], [DELTA, 'u7', false],
  ];
  for (const [teamId, userId, deleted] of members) member.run(`${teamId}:${userId}`, teamId, userId, SEEN, SEEN, deleted ? SEEN : null);
  const schedules: [string, string, boolean][] = [
    ['s1', ALPHA, false], ['s2', ALPHA, false], ['s3', ALPHA, true], ['s4', BRAVO, false], ['s5', DELTA, false],
  ];
  for (const [id, teamId, deleted] of schedules) schedule.run(id, teamId, `Schedule ${id}`, SEEN, SEEN, deleted ? SEEN : null);
}

/** Alpha fully synced (oldest stream 11:00); Bravo's incidents never succeeded; Charlie never synced. */
export const ALPHA_FRESH_AT = '2026-08-20T11:00:00.000Z';

function insertSyncState(store: SqliteHandle): void {
  const state = store.sqlite.prepare('INSERT INTO sync_state (team_id, stream, last_success_at, updated_at) VALUES (?, ?, ?, ?)');
  state.run('*', 'teams', '2026-08-20T10:00:00.000Z', SEEN);
  state.run(ALPHA, 'team_members', ALPHA_FRESH_AT, SEEN);
  state.run(ALPHA, 'oncall_schedules', '2026-08-20T11:30:00.000Z', SEEN);
  state.run(ALPHA, 'incidents', '2026-08-20T11:45:00.000Z', SEEN);
  state.run(BRAVO, 'team_members', '2026-08-20T11:00:00.000Z', SEEN);
  state.run(BRAVO, 'oncall_schedules', '2026-08-20T11:00:00.000Z', SEEN);
  state.run(BRAVO, 'incidents', null, SEEN);
  state.run(DELTA, 'team_members', '2026-08-20T11:00:00.000Z', SEEN);
}
