import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { IncidentRow, Store, StoreWrites } from '../../src/db/index.js';
import { createStoreUnderTest, type StoreUnderTest } from '../helpers/store-under-test.js';
import type { StoreKind } from '../helpers/stores.js';
import { writeOncallActivity, writeResponders } from './oncall-fixture.js';

/**
 * A small organisation whose report figures are worked out by hand in the tests.
 *
 * Alpha: odd and even counts, an incident resolved without being acknowledged, one still open in
 * each status, one just before and one exactly at the end of the window, a soft-deleted incident.
 * Bravo: a fractional acknowledgement time and an open incident. Charlie: no incidents at all.
 * Delta: a soft-deleted team whose incident must never show. People, services, shifts and activity-log
 * events are in oncall-fixture.ts.
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

export interface IncidentSpec {
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

/** The fixture's store, filled through the store port, so every report test runs on each store. */
export interface FixtureStore {
  readonly store: Store;
  readonly target: StoreUnderTest;
  close(): Promise<void>;
}

/** A store built by the real migrations and filled with the organisation above, through the store's own writers. */
export async function createFixtureStore(kind: StoreKind = 'sqlite'): Promise<FixtureStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spike-sync-'));
  const target = createStoreUnderTest(kind, dir);
  const store = await target.open('write');
  await store.transaction(async (tx) => {
    await writeTeams(tx);
    await writeMembersAndSchedules(tx);
    await writeIncidents(tx, INCIDENTS);
    await writeSyncState(tx);
    await writeOncallActivity(tx);
  });
  await writeResponders(target);
  return {
    store,
    target,
    async close() {
      await store.close();
      await target.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Upserts rows, then soft-deletes those `deleted` names, as a complete listing without them would. */
async function writeWithDeletions<Row extends { id: string }>(
  writer: { upsert(rows: readonly Row[], now: string): Promise<unknown>; markMissing(scope: null, seen: ReadonlySet<string>, now: string, options: { force: boolean }): Promise<unknown> },
  rows: readonly Row[],
  deleted: ReadonlySet<string>,
): Promise<void> {
  await writer.upsert(rows, SEEN);
  if (deleted.size > 0) await writer.markMissing(null, new Set(rows.map((r) => r.id).filter((id) => !deleted.has(id))), SEEN, { force: true });
}

async function writeTeams(tx: StoreWrites): Promise<void> {
  const teams: [string, string][] = [[ALPHA, 'Alpha'], [BRAVO, 'Bravo'], [CHARLIE, 'Charlie'], [DELTA, 'Delta']];
  const rows = teams.map(([id, name]) => ({ id, name, uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: '{}' }));
  await writeWithDeletions(tx.writer('teams'), rows, new Set([DELTA]));
}

function at(triggered: string, offsetSeconds: number | undefined): string | null {
  if (offsetSeconds === undefined) return null;
  return new Date(Date.parse(`${triggered}Z`) + offsetSeconds * 1000).toISOString();
}

/** An incident row with every column the mappers fill, from the few a report test cares about. */
export function incidentRow(fields: Pick<IncidentRow, 'id' | 'teamId' | 'title' | 'status' | 'triggeredAt'> & Partial<IncidentRow>): IncidentRow {
  return {
    counterId: null, priority: null, severity: null, acknowledgedAt: null, resolvedAt: null, createdAt: null, updatedAt: null,
    serviceId: null, serviceName: null, integrationId: null, integrationName: null, escalationId: null, escalationName: null, raw: '{}',
    ...fields,
  };
}

export async function writeIncidents(tx: StoreWrites, specs: readonly IncidentSpec[]): Promise<void> {
  const services = { api: 'API', db: 'Database', web: 'Web', ghost: 'Ghost' };
  const rows = specs.map((spec) =>
    incidentRow({
      id: spec.id,
      teamId: spec.team,
      counterId: `#${spec.id}`,
      title: spec.title,
      status: spec.status,
      priority: spec.priority ?? null,
      severity: spec.severity ?? null,
      triggeredAt: at(spec.triggered, 0) as string,
      acknowledgedAt: at(spec.triggered, spec.ack),
      resolvedAt: at(spec.triggered, spec.res),
      serviceId: spec.service ? `svc-${spec.service}` : null,
      serviceName: spec.service ? services[spec.service] : null,
    }),
  );
  await writeWithDeletions(tx.writer('incidents'), rows, new Set(specs.filter((s) => s.deleted).map((s) => s.id)));
}

async function writeMembersAndSchedules(tx: StoreWrites): Promise<void> {
  const members: [string, string, boolean][] = [
    [ALPHA, 'u1', false], [ALPHA, 'u2', false], [ALPHA, 'u3', false], [ALPHA, 'u4', true],
    [BRAVO, 'u1', false], [BRAVO, 'u5', false], [CHARLIE, 'u6', false], [DELTA, 'u7', false],
  ];
  await writeWithDeletions(
    tx.writer('team_members'),
    members.map(([teamId, userId]) => ({ id: `${teamId}:${userId}`, teamId, userId, raw: '{}' })),
    new Set(members.filter(([, , deleted]) => deleted).map(([teamId, userId]) => `${teamId}:${userId}`)),
  );
  const schedules: [string, string, boolean][] = [
    ['s1', ALPHA, false], ['s2', ALPHA, false], ['s3', ALPHA, true], ['s4', BRAVO, false], ['s5', DELTA, false],
  ];
  await writeWithDeletions(
    tx.writer('oncall_schedules'),
    schedules.map(([id, teamId]) => ({ id, teamId, name: `Schedule ${id}`, description: null, timezone: null, userIds: '[]', layerCount: 1, createdAt: null, updatedAt: null, raw: '{}' })),
    new Set(schedules.filter(([, , deleted]) => deleted).map(([id]) => id)),
  );
}

/** Alpha fully synced (oldest stream 11:00); Bravo's incidents never succeeded; Charlie never synced. */
export const ALPHA_FRESH_AT = '2026-08-20T11:00:00.000Z';

async function writeSyncState(tx: StoreWrites): Promise<void> {
  const states: [string, string, string | null][] = [
    ['*', 'teams', '2026-08-20T10:00:00.000Z'],
    [ALPHA, 'team_members', ALPHA_FRESH_AT],
    [ALPHA, 'oncall_schedules', '2026-08-20T11:30:00.000Z'],
    [ALPHA, 'incidents', '2026-08-20T11:45:00.000Z'],
    [ALPHA, 'incident_events', '2026-08-20T11:46:00.000Z'],
    [BRAVO, 'team_members', '2026-08-20T11:00:00.000Z'],
    [BRAVO, 'oncall_schedules', '2026-08-20T11:00:00.000Z'],
    [BRAVO, 'incidents', null],
    [DELTA, 'team_members', '2026-08-20T11:00:00.000Z'],
  ];
  for (const [teamId, stream, lastSuccessAt] of states) await tx.saveStreamState(teamId, stream, { lastSuccessAt }, SEEN);
}
