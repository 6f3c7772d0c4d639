import type { IncidentEventRow, OncallShiftRow, ServiceRow } from '../../src/db/store.js';
import type { Harness } from '../helpers/harness.js';
import { writeResponders } from './oncall-fixture.js';

/**
 * Services, shifts, activity-log events and responders derived from what a sync of the simulated organisation
 * stored, for tests that compare reports across stores whatever streams the sync runs. Read from one store and
 * written into each, so every store holds the same rows. Times carry odd seconds and milliseconds, so hours and
 * durations are not round.
 */
export interface DerivedOncall {
  services: ServiceRow[];
  shifts: OncallShiftRow[];
  events: IncidentEventRow[];
  responders: Record<string, { ack?: string; res?: string }>;
}

const HOUR = 3_600_000;
const SHIFT = 12 * HOUR;

type Member = { team_id: string; user_id: string };
type Incident = { id: string; team_id: string; service_id: string | null; service_name: string | null; triggered_at: string; acknowledged_at: string | null; status: string };

export async function deriveOncall(h: Harness, now: Date, days = 45): Promise<DerivedOncall> {
  const members = await h.query<Member>('SELECT team_id, user_id FROM team_members WHERE deleted_at IS NULL ORDER BY team_id, user_id');
  const incidents = await h.query<Incident>(
    'SELECT id, team_id, service_id, service_name, triggered_at, acknowledged_at, status FROM incidents WHERE deleted_at IS NULL ORDER BY id',
  );
  const rosters = new Map<string, string[]>();
  for (const m of members) rosters.set(m.team_id, [...(rosters.get(m.team_id) ?? []), m.user_id]);
  const base = now.getTime() - days * 86_400_000 + 7 * 60_000 + 333;
  const onCall = (team: string, at: number) => {
    const roster = rosters.get(team) ?? [];
    return roster.length === 0 ? undefined : roster[Math.floor((at - base) / SHIFT) % roster.length];
  };
  return { services: deriveServices(incidents), shifts: deriveShifts(rosters, base, now.getTime()), ...deriveActivity(incidents, onCall) };
}

function deriveServices(incidents: readonly Incident[]): ServiceRow[] {
  const seen = new Map<string, ServiceRow>();
  for (const i of incidents) {
    if (i.service_id === null || seen.has(i.service_id)) continue;
    seen.set(i.service_id, { id: i.service_id, teamId: i.team_id, counterId: null, name: i.service_name ?? i.service_id, description: null, createdAt: null, updatedAt: null, raw: '{}' });
  }
  return [...seen.values()];
}

/** A 12-hour rotation per team; every third shift its holder also covers a 12-hour stretch on a second schedule from half-way through (overlapping their own). */
function deriveShifts(rosters: ReadonlyMap<string, string[]>, base: number, end: number): OncallShiftRow[] {
  const shifts: OncallShiftRow[] = [];
  const shift = (teamId: string, schedule: string, userId: string, start: number, length: number, isOverride: boolean): OncallShiftRow => ({
    id: `${schedule}:${userId}:${start}`, scheduleId: schedule, teamId, layerId: isOverride ? null : 'layer-1', userId,
    startAt: new Date(start).toISOString(), endAt: new Date(start + length).toISOString(), isOverride, source: 'observed', raw: '{}',
  });
  for (const [team, roster] of rosters) {
    for (let k = 0, start = base; start < end; k += 1, start += SHIFT) {
      const holder = roster[k % roster.length] as string;
      shifts.push(shift(team, `${team}-primary`, holder, start, SHIFT, false));
      if (k % 3 === 0) shifts.push(shift(team, `${team}-secondary`, holder, start + SHIFT / 2 + 1234, SHIFT, k % 2 === 0));
    }
  }
  return shifts;
}

/** A page to whoever was on call 30.5 s after each incident, classed by its UTC hour; they acknowledged and resolved it. */
function deriveActivity(incidents: readonly Incident[], onCall: (team: string, at: number) => string | undefined): Pick<DerivedOncall, 'events' | 'responders'> {
  const events: IncidentEventRow[] = [];
  const responders: DerivedOncall['responders'] = {};
  for (const i of incidents) {
    const at = Date.parse(i.triggered_at) + 30_500;
    const userId = onCall(i.team_id, at);
    if (userId === undefined) continue;
    const hour = new Date(at).getUTCHours();
    const interruption = hour < 7 ? 'sleep' : hour >= 9 && hour < 18 ? 'business' : 'off_hours';
    events.push({
      id: `${i.id}:page`, incidentId: i.id, teamId: i.team_id, type: 'NOTIFICATION_SENT', kind: 'notification', channel: 'phone', userId,
      message: null, createdAt: new Date(at).toISOString(), interruption, raw: '{}',
    });
    responders[i.id] = { ...(i.acknowledged_at ? { ack: userId } : {}), ...(i.status === 'RES' ? { res: userId } : {}) };
  }
  return { events, responders };
}

/** Writes the derived rows into a harness's store through its writers (responders in SQL, as the fixture does). */
export async function writeDerivedOncall(h: Harness, rows: DerivedOncall): Promise<void> {
  const store = await h.openStore();
  try {
    await store.transaction(async (tx) => {
      const now = '2026-11-20T12:00:00.000Z';
      await tx.writer('services').upsert(rows.services, now);
      await tx.writer('oncall_shifts').upsert(rows.shifts, now);
      await tx.writer('incident_events').upsert(rows.events, now);
    });
  } finally {
    await store.close();
  }
  await writeResponders(h.target, rows.responders);
}
