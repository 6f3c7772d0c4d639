import { expect, it } from 'vitest';
import type { Json } from '../../src/demo/sim-org.js';
import { streamRow, teamIdsOf } from '../faults/fault-kit.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

const DAY = 86_400_000;
/** Ids no key may hold: PostgreSQL refuses a NUL in any statement, and a btree row over ~2.7 KB. */
const WITH_NUL = '65000000000000000000\u00000001';
const TOO_LONG = '6'.repeat(5000);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

describeEachStore('ids with control characters or no length bound', (store) => {
  const startHarness = useHarness(store);

  async function harness(): Promise<{ h: Harness; team: string; schedule: Json }> {
    const ref: { clock?: Harness['clock'] } = {};
    const h = await startHarness({ org: { teams: 1, incidentsPerTeam: [8], usersPerTeam: 4 }, server: { clock: () => ref.clock!.now() } });
    ref.clock = h.clock;
    const [team] = teamIdsOf(h);
    const schedule = h.server.org.oncalls.find((s) => (s.teams as string[]).includes(team!))!;
    return { h, team: team!, schedule };
  }

  it('are skipped and counted in services, shifts, overrides and activity logs; every other item is stored', async () => {
    const { h, team, schedule } = await harness();
    const org = h.server.org;
    const [service] = org.services ?? [];
    if (!service) throw new Error('no service');
    org.services!.push({ ...service, _id: WITH_NUL, name: 'NUL' }, { ...service, _id: TOO_LONG, name: 'Long' });
    const now = h.clock.now().getTime();
    org.overrides.push(
      { id: 'aaaaaaaaaaaaaaaaaaaa0001', oncall: schedule._id, user: WITH_NUL, start: iso(now + DAY), end: iso(now + 2 * DAY), createdAt: iso(now - DAY) },
      { id: 'aaaaaaaaaaaaaaaaaaaa0002', oncall: schedule._id, user: TOO_LONG, start: iso(now + 3 * DAY), end: iso(now + 4 * DAY), createdAt: iso(now - DAY) },
    );
    const resolved = org.incidents.find((i) => i['status'] === 'RES' && Date.parse(String(i['RES_at'])) > now - 30 * DAY);
    if (!resolved) throw new Error('no recently resolved incident');
    org.activityLogs.set(String(resolved['_id']), [
      { _id: 'e1', type: 'triggered', createdAt: String(resolved['NACK_at']) },
      { _id: 'e2', type: 'alert', message: 'Phone call', user: WITH_NUL, createdAt: String(resolved['NACK_at']) },
      { _id: 'e3', type: 'alert', message: 'Phone call', user: { _id: TOO_LONG }, createdAt: String(resolved['NACK_at']) },
      { _id: `e4${TOO_LONG}`, type: 'note', createdAt: String(resolved['NACK_at']) },
      { _id: 'e5', type: 'resolved', createdAt: String(resolved['RES_at']) },
    ]);

    const result = await h.sync();

    expect(result.status).toBe('ok');
    const services = await streamRow(h, result.runId, team, 'services');
    expect(services).toMatchObject({ status: 'ok', items_skipped: 2 });
    expect(services.first_skip_error).toBe('650000000000000000000001: _id contains control characters');
    expect(await h.value('SELECT COUNT(*) FROM services')).toEqual(org.services!.length - 2);
    expect(await streamRow(h, result.runId, team, 'oncall_overrides')).toMatchObject({ status: 'ok', items_skipped: 2 });
    // Each override is a shift of the timeline too, served by every backfill window that reaches it.
    const shifts = await streamRow(h, result.runId, team, 'oncall_shifts');
    expect(shifts).toMatchObject({ status: 'ok' });
    expect(Number(shifts.items_skipped)).toBeGreaterThanOrEqual(2);
    expect(Number(await h.value('SELECT COUNT(*) FROM oncall_shifts WHERE schedule_id = @id', { id: schedule._id }))).toBeGreaterThan(0);
    expect(await streamRow(h, result.runId, team, 'incident_events')).toMatchObject({ status: 'ok', items_skipped: 3 });
    const events = await h.query<{ type: string }>('SELECT type FROM incident_events WHERE incident_id = @id ORDER BY created_at, type', { id: resolved['_id'] });
    expect(events.map((e) => e.type)).toEqual(['triggered', 'resolved']);
  });
});
