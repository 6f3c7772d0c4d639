import type { StoreWrites } from '../../src/db/index.js';
import type { IncidentEventRow, OncallShiftRow } from '../../src/db/store.js';
import { adminQuery } from '../helpers/postgres.js';
import type { StoreUnderTest } from '../helpers/store-under-test.js';
import { ALPHA, BRAVO, CHARLIE, DELTA } from './fixture.js';

/*
 * People, services, on-call shifts and activity-log events beside fixture.ts's incidents, for the services,
 * responders and oncall-load reports. Written through the store's writers; the data is built inside the
 * functions because fixture.ts imports this module (its constants are not yet set while modules load).
 *
 * People: u1 Ann, u2 Ben, u3 Cat, u5 Dan, u7 Eve (of the deleted team Delta); u9 acknowledges B3 but is not
 * among the users (no name).
 */

const SEEN = '2026-08-20T11:00:00.000Z';

/** Who acknowledged and who resolved each incident (a column the activity log fills, not the incidents listing). */
export const INCIDENT_RESPONDERS: Readonly<Record<string, { ack?: string; res?: string }>> = {
  A1: { ack: 'u1', res: 'u1' },
  A2: { ack: 'u2', res: 'u1' },
  A3: { ack: 'u1' },
  A4: { res: 'u3' },
  A6: { ack: 'u1', res: 'u2' },
  A7: { ack: 'u2', res: 'u2' },
  B1: { ack: 'u5', res: 'u5' },
  B2: { ack: 'u1', res: 'u5' },
  B3: { ack: 'u9', res: 'u9' },
};

export async function writeOncallActivity(tx: StoreWrites): Promise<void> {
  await writeUsers(tx);
  await writeServices(tx);
  await writeShifts(tx);
  await writeEvents(tx);
}

async function writeUsers(tx: StoreWrites): Promise<void> {
  const people: [string, string][] = [['u1', 'Ann'], ['u2', 'Ben'], ['u3', 'Cat'], ['u5', 'Dan'], ['u7', 'Eve']];
  const rows = people.map(([id, name]) => ({ id, firstName: name, lastName: null, name, email: null, role: null, timezone: null, removed: false, createdAt: null, updatedAt: null, raw: '{}' }));
  await tx.writer('users').upsert(rows, SEEN);
}

async function writeServices(tx: StoreWrites): Promise<void> {
  const services: [string, string, string][] = [
    ['svc-api', ALPHA, 'API'], ['svc-db', ALPHA, 'Database'], ['svc-web', BRAVO, 'Web'], ['svc-idle', CHARLIE, 'Idle'],
    ['svc-gone', ALPHA, 'Gone'], ['svc-ghost', DELTA, 'Ghost'],
  ];
  const rows = services.map(([id, teamId, name]) => ({ id, teamId, counterId: null, name, description: null, createdAt: null, updatedAt: null, raw: '{}' }));
  const writer = tx.writer('services');
  await writer.upsert(rows, SEEN);
  await writer.markMissing(null, new Set(rows.map((r) => r.id).filter((id) => id !== 'svc-gone')), SEEN, { force: true });
}

/**
 * sh1 + sh2 overlap (04:00-06:00) and sh7 lies inside sh6: each pair counts once. sh1 and sh5 cross the window's
 * edges; sh8 is of the deleted team, sh9 after the window, sh10 soft-deleted.
 */
async function writeShifts(tx: StoreWrites): Promise<void> {
  const shifts: [string, string, string, string, string, string, boolean][] = [
    ['sh1', 's1', ALPHA, 'u1', '2026-07-31T18:00:00', '2026-08-01T06:00:00', false],
    ['sh2', 's2', ALPHA, 'u1', '2026-08-01T04:00:00', '2026-08-01T10:00:00', true],
    ['sh3', 's1', ALPHA, 'u1', '2026-08-03T09:00:00', '2026-08-03T12:00:00', false],
    ['sh4', 's1', ALPHA, 'u2', '2026-08-05T12:00:00', '2026-08-06T12:00:00', false],
    ['sh5', 's1', ALPHA, 'u2', '2026-08-15T12:00:00', '2026-08-16T12:00:00', false],
    ['sh6', 's4', BRAVO, 'u5', '2026-08-02T00:00:00', '2026-08-03T00:00:00', false],
    ['sh7', 's4', BRAVO, 'u5', '2026-08-02T12:00:00', '2026-08-02T18:00:00', true],
    ['sh8', 's5', DELTA, 'u7', '2026-08-05T00:00:00', '2026-08-06T00:00:00', false],
    ['sh9', 's1', ALPHA, 'u3', '2026-08-20T00:00:00', '2026-08-21T00:00:00', false],
    ['sh10', 's2', ALPHA, 'u1', '2026-08-12T11:00:00', '2026-08-12T13:00:00', false],
  ];
  const rows: OncallShiftRow[] = shifts.map(([id, scheduleId, teamId, userId, start, end, isOverride]) => ({
    id, scheduleId, teamId, layerId: isOverride ? null : 'layer-1', userId, startAt: `${start}.000Z`, endAt: `${end}.000Z`, isOverride,
    source: id === 'sh1' ? 'reconstructed' : 'observed', raw: '{}',
  }));
  const writer = tx.writer('oncall_shifts');
  await writer.upsert(rows, SEEN);
  await writer.markMissing(null, new Set(rows.map((r) => r.id).filter((id) => id !== 'sh10')), SEEN, { force: true });
}

/**
 * e1, e2 share the hour 08-01T00; e4, e13 share 08-12T12. e7 belongs to A7, triggered before the window, but is
 * created inside it. e8 is no interruption; e9 is of a deleted incident, e10 of the deleted team, e11 soft-deleted,
 * e12 after the window.
 */
async function writeEvents(tx: StoreWrites): Promise<void> {
  const events: [string, string, string, string, string, string | null][] = [
    ['e1', 'A1', ALPHA, 'u1', '2026-08-01T00:01:00', 'sleep'],
    ['e2', 'A1', ALPHA, 'u1', '2026-08-01T00:05:00', 'sleep'],
    ['e3', 'A2', ALPHA, 'u2', '2026-08-03T10:31:00', 'business'],
    ['e4', 'A5', ALPHA, 'u1', '2026-08-12T12:05:00', 'business'],
    ['e5', 'B1', BRAVO, 'u1', '2026-08-02T06:01:00', 'off_hours'],
    ['e6', 'B2', BRAVO, 'u5', '2026-08-02T07:01:00', 'off_hours'],
    ['e7', 'A7', ALPHA, 'u2', '2026-08-01T00:00:10', 'sleep'],
    ['e8', 'A1', ALPHA, 'u1', '2026-08-01T00:01:00', null],
    ['e9', 'AX', ALPHA, 'u1', '2026-08-04T00:00:30', 'sleep'],
    ['e10', 'D1', DELTA, 'u7', '2026-08-05T00:01:00', 'sleep'],
    ['e11', 'A6', ALPHA, 'u3', '2026-08-14T00:02:00', 'sleep'],
    ['e12', 'A8', ALPHA, 'u1', '2026-08-16T00:01:00', 'sleep'],
    ['e13', 'A5', ALPHA, 'u1', '2026-08-12T12:40:00', 'business'],
  ];
  const rows: IncidentEventRow[] = events.map(([id, incidentId, teamId, userId, created, interruption]) => ({
    id, incidentId, teamId, type: interruption ? 'NOTIFICATION_SENT' : 'ACKNOWLEDGED', kind: interruption ? 'notification' : 'acknowledged',
    channel: interruption ? 'phone' : null, userId, message: null, createdAt: `${created}.000Z`, interruption, raw: '{}',
  }));
  const writer = tx.writer('incident_events');
  await writer.upsert(rows, SEEN);
  await writer.markMissing(null, new Set(rows.map((r) => r.id).filter((id) => id !== 'e11')), SEEN, { force: true });
}

/**
 * Sets incidents.acknowledged_by / resolved_by in SQL: the entity writers leave those columns alone, and the
 * store has no port call for them yet (the activity-log stream will set them).
 */
export async function writeResponders(target: StoreUnderTest, responders: Readonly<Record<string, { ack?: string; res?: string }>> = INCIDENT_RESPONDERS): Promise<void> {
  const statements = Object.entries(responders).map(([id, who]) => ({ id, ack: who.ack ?? null, res: who.res ?? null }));
  if (target.kind === 'sqlite') {
    const handle = target.sqliteFile();
    try {
      const update = handle.sqlite.prepare('UPDATE incidents SET acknowledged_by = @ack, resolved_by = @res WHERE id = @id');
      for (const s of statements) update.run(s);
    } finally {
      handle.close();
    }
    return;
  }
  const quote = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
  const schema = target.env.SPIKE_DB_SCHEMA;
  await adminQuery(statements.map((s) => `UPDATE "${schema}".incidents SET acknowledged_by = ${quote(s.ack)}, resolved_by = ${quote(s.res)} WHERE id = '${s.id}';`).join('\n'));
}
