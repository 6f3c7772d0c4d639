import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { createRng } from '../../src/demo/rng.js';
import type { SimServer } from '../../src/demo/server.js';
import { acknowledgeIncident, addIncidents, resolveIncident, type Json } from '../../src/demo/sim-org.js';
import { asJson, getJson, items, startServer, teamId } from './sim-helpers.js';

describe('simulated API: team incidents', () => {
  let server: SimServer;
  let team: string;
  beforeAll(async () => {
    server = await startServer({ org: generateOrg({ seed: 4, incidentsPerTeam: [250, 0, 30] }) });
    team = teamId(server.org);
  });
  afterAll(() => server.close());

  it('pages newest first with the documented defaults', async () => {
    const first = asJson((await getJson(server, '/incidents', { team })).body);
    const list = first['incidents'] as Json[];
    expect(list).toHaveLength(20);
    expect(first['pagination']).toEqual({ page: 1, perPage: 20, total: 250 });
    const times = list.map((i) => String(i['NACK_at']));
    expect(times).toEqual([...times].sort().reverse());
    expect(list[0]?.['counterId']).toBe('pay-250');
  });

  it('walks every page exactly once and clamps perPage to 100', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = asJson((await getJson(server, `/incidents?page=${page}&perPage=500`, { team })).body);
      expect(body['pagination']).toMatchObject({ page, perPage: 100, total: 250 });
      seen.push(...(body['incidents'] as Json[]).map((i) => String(i['_id'])));
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    const beyond = asJson((await getJson(server, '/incidents?page=4&perPage=100', { team })).body);
    expect(beyond['incidents']).toEqual([]);
  });

  it('serves an empty team', async () => {
    const body = asJson((await getJson(server, '/incidents', { team: teamId(server.org, 1) })).body);
    expect(body).toEqual({ incidents: [], pagination: { page: 1, perPage: 20, total: 0 } });
  });

  it('lists the open set and follows mutations', async () => {
    const [fresh] = addIncidents(server.org, team, 1, createRng(3), new Date('2026-11-21T00:00:00.000Z'));
    if (fresh === undefined) throw new Error('not added');
    const triggered = items((await getJson(server, '/incidents/triggered', { team })).body, 'incidents');
    expect(triggered.every((i) => i['status'] === 'NACK')).toBe(true);
    expect(triggered.map((i) => i['_id'])).toContain(fresh['_id']);
    const newest = items((await getJson(server, '/incidents?perPage=1', { team })).body, 'incidents');
    expect(newest[0]?.['_id']).toBe(fresh['_id']);
    acknowledgeIncident(fresh, new Date('2026-11-21T00:01:00.000Z'));
    const acked = items((await getJson(server, '/incidents/acknowledged', { team })).body, 'incidents');
    expect(acked.every((i) => i['status'] === 'ACK')).toBe(true);
    expect(acked.map((i) => i['_id'])).toContain(fresh['_id']);
  });

  it('returns the detail shape with groupedIncident as a sibling', async () => {
    const inc = server.org.incidents.find((i) => i['team'] === team && i['status'] === 'RES') as Json;
    const body = asJson((await getJson(server, `/incidents/${String(inc['counterId'])}`, { team })).body);
    const incident = body['incident'] as Json;
    expect(incident['_id']).toBe(inc['_id']);
    expect(incident).not.toHaveProperty('groupedIncident');
    expect(incident).toHaveProperty('resMetadata');
    expect(body['groupedIncident']).toEqual(JSON.parse(JSON.stringify(inc['groupedIncident'])));
    const otherTeam = await getJson(server, `/incidents/${String(inc['counterId'])}`, { team: teamId(server.org, 2) });
    expect(otherTeam.status).toBe(404);
  });

  it('derives an activity log from the incident state, unless one is stored', async () => {
    const [inc] = addIncidents(server.org, team, 1, createRng(8), new Date('2026-11-21T01:00:00.000Z'));
    if (inc === undefined) throw new Error('not added');
    const path = `/incidents/${String(inc['counterId'])}/activity-log`;
    const before = items((await getJson(server, path, { team })).body, 'activityLog');
    // Not acknowledged yet: triggered, then only notifications to the person on call.
    expect(before[0]?.['type']).toBe('triggered');
    expect(before.slice(1).map((e) => e['type'])).toEqual(before.slice(1).map(() => 'alert'));
    resolveIncident(inc, new Date('2026-11-21T02:00:00.000Z'));
    const after = items((await getJson(server, path, { team })).body, 'activityLog');
    expect(after.at(-1)).toMatchObject({ type: 'resolved', createdAt: '2026-11-21T02:00:00.000Z' });
    server.org.activityLogs.set(String(inc['_id']), [{ _id: 'x', type: 'custom' }]);
    expect(items((await getJson(server, path, { team })).body, 'activityLog')).toEqual([{ _id: 'x', type: 'custom' }]);
  });

  it('lists team members on /users and a bare user on /users/:id', async () => {
    const users = items((await getJson(server, '/users', { team })).body, 'users');
    const teamUsers = server.org.teams[0]?.['users'] as string[];
    expect(users.map((u) => u['_id']).sort()).toEqual([...teamUsers].sort());
    expect(users.every((u) => u['removed'] === false)).toBe(true);
    const one = await getJson(server, `/users/${String(users[0]?.['_id'])}`, { team });
    expect(one.body).toEqual(users[0]);
    const members = items((await getJson(server, '/orgs/members')).body, 'members');
    expect(members.some((m) => m['removed'] === true)).toBe(true);
  });
});
