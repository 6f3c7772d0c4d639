import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../src/demo/server.js';
import type { Json } from '../../src/demo/sim-org.js';
import { asJson, getJson, smallOrg, startServer, teamId } from './sim-helpers.js';

describe('simulated API: server modes', () => {
  let server: SimServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('wraps lists as documented by default', async () => {
    server = await startServer();
    const team = teamId(server.org);
    const body = asJson((await getJson(server, '/incidents?perPage=3', { team })).body);
    expect(Object.keys(body)).toEqual(['incidents', 'pagination']);
    expect(asJson((await getJson(server, '/on-calls', { team })).body)).toHaveProperty('oncalls');
  });

  it('wraps lists in data', async () => {
    server = await startServer({ drift: 'data' });
    const body = asJson((await getJson(server, '/incidents?perPage=3', { team: teamId(server.org) })).body);
    expect(body['data']).toHaveLength(3);
    expect(body['pagination']).toMatchObject({ perPage: 3 });
    expect(asJson((await getJson(server, '/teams')).body)['data']).toHaveLength(3);
  });

  it('wraps lists in result.<key>', async () => {
    server = await startServer({ drift: 'result' });
    const body = asJson((await getJson(server, '/incidents?perPage=3', { team: teamId(server.org) })).body);
    const result = body['result'] as Json;
    expect(result['incidents']).toHaveLength(3);
    expect(result['pagination']).toMatchObject({ perPage: 3 });
    expect(((asJson((await getJson(server, '/orgs/members')).body)['result'] as Json)['members'] as unknown[]).length)
      .toBe(server.org.members.length);
  });

  it('serves bare arrays', async () => {
    server = await startServer({ drift: 'bare' });
    const team = teamId(server.org);
    const list = (await getJson(server, '/incidents?perPage=3', { team })).body;
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(3);
    const detail = asJson((await getJson(server, `/incidents/${String(server.org.incidents[0]?.['counterId'])}`, { team })).body);
    expect(detail).toHaveProperty('incident');
    expect(asJson((await getJson(server, '/orgs/info')).body)).toHaveProperty('org');
  });

  it('serves both team routes by default and only /teams in legacy-only mode', async () => {
    server = await startServer();
    const both = await getJson(server, '/teams/get-all-teams');
    expect(both.status).toBe(200);
    expect(both.body).toEqual((await getJson(server, '/teams')).body);
    await server.close();
    server = await startServer({ teamsRoute: 'legacy-only' });
    expect(await getJson(server, '/teams/get-all-teams')).toEqual({ status: 404, body: { message: 'Unknown route', error: 'NOT_FOUND' } });
    const legacy = asJson((await getJson(server, '/teams')).body);
    expect(legacy['teams']).toHaveLength(3);
  });

  it('ignores page when asked to', async () => {
    server = await startServer({ ignorePaging: true });
    const team = teamId(server.org);
    const first = asJson((await getJson(server, '/incidents?page=1&perPage=10', { team })).body);
    const second = asJson((await getJson(server, '/incidents?page=2&perPage=10', { team })).body);
    expect(second['incidents']).toEqual(first['incidents']);
    expect(second['pagination']).toMatchObject({ page: 1, perPage: 10 });
  });

  it('adds latency to every response', async () => {
    server = await startServer({ org: smallOrg({ incidentsPerTeam: 1 }), latencyMs: 60 });
    const started = performance.now();
    const res = await getJson(server, '/orgs/info');
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });
});
