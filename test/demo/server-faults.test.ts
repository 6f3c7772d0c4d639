import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../src/demo/server.js';
import { asJson, call, getJson, startServer, teamId } from './sim-helpers.js';

describe('simulated API: faults', () => {
  let server: SimServer;
  let team: string;
  beforeAll(async () => {
    server = await startServer();
    team = teamId(server.org);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.faults.length = 0;
  });

  it('answers a status fault once, then the real response', async () => {
    server.faults.push({ path: '/incidents', times: 1, fault: { kind: 'status', status: 429 } });
    const limited = await call(server, '/incidents', { team });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(await limited.json()).toEqual({ message: 'Too many requests', error: 'RATE_LIMITED' });
    expect(server.faults).toHaveLength(0);
    expect((await call(server, '/incidents', { team })).status).toBe(200);
  });

  it('uses the given body and headers of a status fault', async () => {
    const body = JSON.stringify({ message: 'Monthly API limit reached', error: 'QUOTA_EXCEEDED' });
    server.faults.push({ path: '/teams', fault: { kind: 'status', status: 429, body, headers: { 'x-custom': 'yes' } } });
    const res = await call(server, '/teams');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.headers.get('x-custom')).toBe('yes');
    expect(await res.text()).toBe(body);
    server.faults.push({ path: '/orgs/info', fault: { kind: 'status', status: 200, body: '{"broken":' } });
    expect(await (await call(server, '/orgs/info')).text()).toBe('{"broken":');
  });

  it('applies a rule as many times as asked, per team and by RegExp', async () => {
    const other = teamId(server.org, 1);
    server.faults.push({ path: /^\/incidents/, teamId: other, times: 2, fault: { kind: 'status', status: 503 } });
    expect((await call(server, '/incidents', { team })).status).toBe(200);
    expect((await call(server, '/incidents/triggered', { team: other })).status).toBe(503);
    expect(server.faults[0]?.times).toBe(1);
    expect((await call(server, '/incidents', { team: other })).status).toBe(503);
    expect((await call(server, '/incidents', { team: other })).status).toBe(200);
  });

  it('resets the connection', async () => {
    server.faults.push({ path: '/orgs/members', times: 1, fault: { kind: 'reset' } });
    await expect(call(server, '/orgs/members')).rejects.toThrow();
    expect(server.requests.at(-1)).toMatchObject({ path: '/orgs/members', status: 0 });
    expect((await call(server, '/orgs/members')).status).toBe(200);
  });

  it('truncates the body mid-way', async () => {
    server.faults.push({ path: '/incidents', times: 1, fault: { kind: 'truncate' } });
    const res = await call(server, '/incidents', { team });
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    expect(server.requests.at(-1)?.status).toBe(200);
  });

  it('serves an HTML error page', async () => {
    server.faults.push({ path: '/teams', times: 1, fault: { kind: 'html' } });
    const res = await call(server, '/teams');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<html>');
    server.faults.push({ path: '/teams', times: 1, fault: { kind: 'html', status: 504 } });
    expect((await call(server, '/teams')).status).toBe(504);
  });

  it('delays the real response', async () => {
    server.faults.push({ path: '/orgs/info', times: 1, fault: { kind: 'delay', ms: 80 } });
    const started = performance.now();
    const res = await getJson(server, '/orgs/info');
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    expect(res).toEqual({ status: 200, body: { org: server.org.orgInfo } });
  });

  it('replaces the body with the given JSON', async () => {
    server.faults.push({ path: '/incidents', fault: { kind: 'json', body: { unexpected: [1, 2] } } });
    expect(await getJson(server, '/incidents', { team })).toEqual({ status: 200, body: { unexpected: [1, 2] } });
  });

  it('records faulted and rejected requests alike', async () => {
    server.faults.push({ path: '/teams', fault: { kind: 'status', status: 500 } });
    const before = server.requests.length;
    await call(server, '/teams', { key: 'wrong' });
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: '/teams', query: {}, teamId: undefined, apiKey: 'wrong', status: 500, beside: 0 },
    ]);
    const error = asJson((await getJson(server, '/teams')).body);
    expect(error).toEqual({ message: 'Internal server error', error: 'INTERNAL_SERVER_ERROR' });
  });
});
