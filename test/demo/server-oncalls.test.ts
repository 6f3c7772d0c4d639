import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import type { SimServer } from '../../src/demo/server.js';
import type { Json } from '../../src/demo/sim-org.js';
import { asJson, getJson, items, startServer, teamId } from './sim-helpers.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');

describe('simulated API: on-call, escalations, services, integrations', () => {
  let server: SimServer;
  let team: string;
  let schedule: Json;
  beforeAll(async () => {
    server = await startServer({ org: generateOrg({ seed: 12, teams: 3, oncallsPerTeam: 2, incidentsPerTeam: 5 }), clock: () => NOW });
    team = teamId(server.org);
    schedule = server.org.oncalls.find((s) => (s['teams'] as string[]).includes(team)) as Json;
  });
  afterAll(() => server.close());

  it('lists the team schedules', async () => {
    const oncalls = items((await getJson(server, '/on-calls', { team })).body, 'oncalls');
    expect(oncalls).toHaveLength(2);
    expect(oncalls.every((s) => (s['teams'] as string[]).includes(team))).toBe(true);
  });

  it('requires from on the schedule detail', async () => {
    const id = String(schedule['_id']);
    expect((await getJson(server, `/on-calls/${id}`, { team })).status).toBe(400);
    expect((await getJson(server, `/on-calls/${id}?from=soon`, { team })).status).toBe(400);
  });

  it('flattens 14 days of shifts with the active one', async () => {
    const id = String(schedule['_id']);
    const body = asJson((await getJson(server, `/on-calls/${id}?from=2026-11-20T00:00:00.000Z`, { team })).body);
    expect(asJson(body['oncall'])['_id']).toBe(id);
    const shifts = body['shifts'] as Json[];
    expect(shifts.length).toBeGreaterThanOrEqual(2);
    expect(shifts.every((s) => s['oncall'] === id && (schedule['users'] as string[]).includes(String(s['user'])))).toBe(true);
    expect(Date.parse(String(shifts.at(-1)?.['end']))).toBeGreaterThanOrEqual(Date.parse('2026-12-04T00:00:00.000Z'));
    expect(shifts.filter((s) => s['active'] === true)).toHaveLength(1);
    const active = asJson(body['activeShift']);
    expect(asJson(active['user'])).toHaveProperty('firstName');
    expect(Date.parse(String(active['start']))).toBeLessThanOrEqual(NOW.getTime());
    expect((await getJson(server, `/on-calls/${id}?from=2026-11-20T00:00:00.000Z`, { team: teamId(server.org, 1) })).status).toBe(404);
  });

  it('cuts overrides into the timeline', async () => {
    const id = String(schedule['_id']);
    const user = (schedule['users'] as string[])[0] as string;
    server.org.overrides.push({ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', oncall: id, user, start: '2026-11-25T00:00:00.000Z', end: '2026-11-26T00:00:00.000Z', desc: 'Swap', timezone: 'Etc/UTC', createdAt: '2026-11-01T00:00:00.000Z' });
    const body = asJson((await getJson(server, `/on-calls/${id}?from=2026-11-20T00:00:00.000Z`, { team })).body);
    const shifts = body['shifts'] as Json[];
    expect(shifts).toContainEqual(expect.objectContaining({ isOverride: true, user, start: '2026-11-25T00:00:00.000Z' }));
    const inside = shifts.filter((s) => String(s['start']) < '2026-11-26T00:00:00.000Z' && String(s['end']) > '2026-11-25T00:00:00.000Z');
    expect(inside).toHaveLength(1);
  });

  it('lists overrides in a window and requires from and to', async () => {
    const id = String(schedule['_id']);
    expect((await getJson(server, `/oncalls/${id}/overrides?from=2026-11-01T00:00:00.000Z`)).status).toBe(400);
    const listed = items((await getJson(server, `/oncalls/${id}/overrides?from=2026-11-01T00:00:00.000Z&to=2026-12-31T00:00:00.000Z`)).body, 'overrides');
    expect(listed.map((o) => o['id'])).toContain('aaaaaaaaaaaaaaaaaaaaaaaa');
    expect(listed.every((o) => o['oncall'] === id)).toBe(true);
    const none = items((await getJson(server, `/oncalls/${id}/overrides?from=2020-01-01T00:00:00.000Z&to=2020-02-01T00:00:00.000Z`)).body, 'overrides');
    expect(none).toEqual([]);
  });

  it('returns active shifts as a bare array', async () => {
    const body = (await getJson(server, '/oncalls/all-active-on-call-shifts', { team })).body as Json[];
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(2);
    for (const shift of body) {
      expect(shift).toMatchObject({ active: true, oncall: { _id: expect.any(String), name: expect.any(String) } });
      expect(asJson(shift['user'])).toHaveProperty('email');
    }
  });

  it('serves escalations, services and integrations consistent with incidents', async () => {
    const escalations = items((await getJson(server, '/escalations', { team })).body, 'escalations');
    const services = items((await getJson(server, '/services', { team })).body, 'services');
    const integrations = items((await getJson(server, '/integrations', { team })).body, 'integrations');
    for (const list of [escalations, services, integrations]) expect(list.every((x) => x['team'] === team)).toBe(true);
    expect(Array.isArray(escalations[0]?.['escalation'])).toBe(true);
    const inc = server.org.incidents.find((i) => i['team'] === team) as Json;
    expect(services.map((s) => s['_id'])).toContain(asJson(inc['service'])['_id']);
    expect(integrations.map((s) => s['_id'])).toContain(asJson(inc['integration'])['_id']);
    const escalationId = String(asJson(inc['escalation'])['_id']);
    const detail = asJson((await getJson(server, `/escalations/${escalationId}`, { team })).body);
    expect(asJson(detail['escalation'])['_id']).toBe(escalationId);
  });
});
