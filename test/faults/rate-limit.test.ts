import { expect, it } from 'vitest';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import {
  afterCleanRun, SMALL_ORG, hits, incidentsOf, requestsOfTeam, runRow, stateOf, streamRow, streamRows, teamIdsOf, teamSnapshot,
} from './fault-kit.js';

const TOO_MANY = (retryAfter: string) => ({ kind: 'status', status: 429, headers: { 'Retry-After': retryAfter } }) as const;

describeEachStore('429 Too Many Requests', (store) => {
  const startHarness = useHarness(store);

  it('Retry-After: 0 is honoured and the same page is asked again; the run ends ok with all data', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: b, times: 1, fault: TOO_MANY('0') });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    expect(hits(harness, '/incidents', b).map((r) => `${r.query.page}/${r.query.perPage} ${r.status}`)).toEqual(['1/100 429', '1/100 200']);
    for (const team of [a!, b!, c!]) {
      expect(await harness.count('incidents', 'team_id = @team', { team })).toBe(incidentsOf(harness, team).length);
    }
    expect(await streamRow(harness, result.runId, b!, 'incidents')).toMatchObject({ status: 'ok', requests: 1 + 1 + 2, rows_inserted: 40, error: null });
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'ok', teams_ok: 3, requests: harness.server.requests.length });
  });

  it('Retry-After as an HTTP date that has passed is honoured without waiting', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    const past = new Date(Date.now() - 5_000).toUTCString();
    harness.server.faults.push({ path: '/on-calls', teamId: a, times: 2, fault: TOO_MANY(past) });

    const started = performance.now();
    const result = await harness.sync();

    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe('ok');
    expect(hits(harness, '/on-calls', a).map((r) => r.status)).toEqual([429, 429, 200]);
    // The schedule and the team's link to it.
    expect(await streamRow(harness, result.runId, a!, 'oncall_schedules')).toMatchObject({ status: 'ok', requests: 3, rows_inserted: 2 });
    expect(await harness.count('oncall_schedules')).toBe(harness.server.org.oncalls.length);
  });

  it('waits as long as Retry-After says, in seconds or as an HTTP date, before asking again', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b] = teamIdsOf(harness);
    const inThirtySeconds = new Date(Date.now() + 30_000).toUTCString();
    harness.server.faults.push({ path: '/users', teamId: a, times: 1, fault: TOO_MANY('2') });
    harness.server.faults.push({ path: '/incidents/triggered', teamId: b, times: 1, fault: TOO_MANY(inThirtySeconds) });
    const waits: number[] = [];
    const logOnSleep: number[] = [];

    const result = await harness.sync({}, {
      client: {
        sleep: async (ms) => {
          waits.push(ms);
          logOnSleep.push(harness.server.requests.length);
        },
      },
    });

    expect(result.status).toBe('ok');
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBe(2_000);
    // An HTTP date has one-second precision and some time passes before the answer is read.
    expect(waits[1]).toBeGreaterThan(27_000);
    expect(waits[1]).toBeLessThanOrEqual(30_000);
    // Each wait happens after the 429 and before the repeated request (requests of the streams beside it may come between).
    const users = hits(harness, '/users', a);
    expect(users.map((r) => r.status)).toEqual([429, 200]);
    expect(logOnSleep[0]).toBeGreaterThan(users[0]!.index);
    expect(logOnSleep[0]).toBeLessThanOrEqual(users[1]!.index);
    const triggered = hits(harness, '/incidents/triggered', b);
    expect(triggered.map((r) => r.status)).toEqual([429, 200]);
    expect(logOnSleep[1]).toBeGreaterThan(triggered[0]!.index);
    expect(logOnSleep[1]).toBeLessThanOrEqual(triggered[1]!.index);
    expect(await harness.count('team_members', 'team_id = @a', { a })).toBeGreaterThan(0);
    expect(await harness.count('incidents')).toBe(130 + 40 + 12);
  });

  it.each([
    ['3600 seconds', () => '3600', 3600],
    ['an HTTP date an hour away', () => new Date(Date.now() + 3_600_000).toUTCString(), 3599],
  ])('Retry-After of %s, beyond the cap, fails that stream at once and the run goes on', async (_name, value, seconds) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const { a, b, c, before, checkpoint, from } = await afterCleanRun(harness);
    harness.server.faults.push({ path: '/incidents', teamId: a, fault: TOO_MANY(value()) });
    const started = performance.now();
    const result = await harness.sync();

    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.status).toBe('partial');
    const limited = hits(harness, '/incidents', a, from);
    expect(limited.map((r) => r.status)).toEqual([429]);
    expect(requestsOfTeam(harness, a!, limited[0]!.index + 1)).toEqual([]);
    const failed = await streamRow(harness, result.runId, a!, 'incidents');
    expect(failed).toMatchObject({ status: 'failed', requests: 1, pages: 0 });
    const wait = Number(/asked to wait (\d+)s/.exec(String(failed.error))?.[1]);
    expect(wait === seconds || wait === seconds + 1).toBe(true);
    expect(String(failed.error)).toMatch(new RegExp(`before retrying GET /incidents\\?page=1&perPage=100 \\(HTTP 429\\), longer than the (\\d+s )?cap`));
    expect((await streamRows(harness, result.runId)).filter((s) => s.status !== 'ok').map((s) => `${String(s.team_id)} ${String(s.stream)}`)).toEqual([`${a} incidents`]);
    for (const team of [b!, c!]) expect(requestsOfTeam(harness, team, from).filter((r) => r.path === '/incidents')).toHaveLength(1);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 2, teams_failed: 1 });
    expect(await teamSnapshot(harness, a!)).toEqual(before);
    expect(await stateOf(harness, a!, 'incidents')).toEqual(checkpoint);
  });

  it('the cap is the client setting retry.maxRetryAfterMs', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [, , c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/users', teamId: c, fault: TOO_MANY('2') });
    const waits: number[] = [];

    const result = await harness.sync({}, { client: { retry: { maxRetryAfterMs: 1_000 }, sleep: async (ms) => void waits.push(ms) } });

    expect(waits).toEqual([]);
    expect(result.status).toBe('partial');
    expect(hits(harness, '/users', c).map((r) => r.status)).toEqual([429]);
    expect(await streamRow(harness, result.runId, c!, 'team_members')).toMatchObject({
      status: 'failed',
      requests: 1,
      error: expect.stringMatching(/asked to wait 2s before retrying GET \/users .*longer than the (1s )?cap/),
    });
    expect(await streamRow(harness, result.runId, c!, 'incidents')).toMatchObject({ status: 'ok', rows_inserted: 12 });
  });

  it('a 429 that never ends fails its stream after 1 + retries attempts', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/orgs/members', fault: TOO_MANY('0') });

    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(hits(harness, '/orgs/members').map((r) => r.status)).toEqual([429, 429, 429]);
    expect(await streamRow(harness, result.runId, '*', 'users')).toMatchObject({
      status: 'failed',
      requests: 3,
      error: expect.stringMatching(/^GET \/orgs\/members answered HTTP 429: Too many requests/),
    });
    expect(await harness.count('incidents', 'team_id IN (@a, @b)', { a, b })).toBe(130 + 40);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 3, teams_failed: 0 });
  });
});
