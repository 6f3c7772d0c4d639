import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimServer } from '../../src/demo/server.js';
import { waitFor } from '../helpers/cli-process.js';
import { call, getJson, startServer, teamId } from './sim-helpers.js';

describe('simulated API: access rules and recording', () => {
  let server: SimServer;
  let team: string;
  beforeAll(async () => {
    server = await startServer();
    team = teamId(server.org);
  });
  afterAll(() => server.close());

  it('rejects a missing or unknown key with 401', async () => {
    for (const key of [null, 'wrong']) {
      const res = await getJson(server, '/teams', { key });
      expect(res).toEqual({ status: 401, body: { message: 'Unauthorized', error: 'UNAUTHORIZED' } });
    }
  });

  it('requires x-team-id on team routes and knows the team', async () => {
    expect(await getJson(server, '/incidents')).toEqual({
      status: 400, body: { message: 'x-team-id header is required', error: 'BAD_REQUEST' },
    });
    expect(await getJson(server, '/users', { team: 'ffffffffffffffffffffffff' })).toEqual({
      status: 404, body: { message: 'Team not found', error: 'NOT_FOUND' },
    });
    expect((await getJson(server, '/orgs/members')).status).toBe(200);
  });

  it('answers 404 for unknown ids and routes', async () => {
    expect(await getJson(server, '/incidents/pay-999999', { team })).toEqual({
      status: 404, body: { message: 'Incident not found', error: 'NOT_FOUND' },
    });
    expect(await getJson(server, '/nope', { team })).toEqual({ status: 404, body: { message: 'Unknown route', error: 'NOT_FOUND' } });
    const oncall = String(server.org.oncalls[0]?.['_id']);
    expect((await getJson(server, `/on-calls/${oncall}/config`, { team })).body).toEqual({ message: 'Unknown route', error: 'NOT_FOUND' });
    expect((await getJson(server, '/escalations/ffffffffffffffffffffffff', { team })).status).toBe(404);
    expect((await getJson(server, '/users/ffffffffffffffffffffffff', { team })).status).toBe(404);
  });

  it('answers 405 to every non-GET method and records it', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const res = await call(server, '/incidents/acknowledge', { method, team });
      expect(res.status).toBe(405);
      expect(await res.json()).toEqual({ message: 'Method not allowed', error: 'METHOD_NOT_ALLOWED' });
      expect(server.requests.at(-1)).toMatchObject({ method, path: '/incidents/acknowledge', status: 405 });
    }
  });

  it('records method, path, query, team, key, status and how many requests were open beside it', async () => {
    const before = server.requests.length;
    await call(server, '/incidents?page=2&perPage=5', { team });
    await call(server, '/teams', { key: 'bad' });
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: '/incidents', query: { page: '2', perPage: '5' }, teamId: team, apiKey: 'test-key-123', status: 200, beside: 0 },
      { method: 'GET', path: '/teams', query: {}, teamId: undefined, apiKey: 'bad', status: 401, beside: 0 },
    ]);
    // Two sent together: the second arrives while the first is still being answered.
    const from = server.requests.length;
    server.faults.push({ path: '/orgs/info', times: 1, fault: { kind: 'delay', ms: 1_000 } });
    const first = call(server, '/orgs/info');
    await waitFor(() => server.requests.length > from, 5_000);
    await call(server, '/teams');
    await first;
    expect(server.requests.slice(from).map((r) => [r.path, r.beside])).toEqual([['/orgs/info', 0], ['/teams', 1]]);
    await call(server, '/teams');
    expect(server.requests.at(-1)?.beside).toBe(0);
  });

  it('serves JSON with the documented content type', async () => {
    const res = await call(server, '/orgs/info');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({ org: server.org.orgInfo });
  });
});
