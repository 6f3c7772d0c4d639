import { expect, it } from 'vitest';
import type { FaultKind } from '../../src/demo/server.js';
import { expectedTeamStreams } from '../../src/jobs/streams.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import {
  afterCleanRun, QUARTER, SMALL_ORG, hits, incidentsOf, loggedStatus, requestsOfTeam, runRow, stateOf, streamRow, streamRows, teamIdsOf, teamSnapshot,
} from './fault-kit.js';

/** Retries configured by the harness client: every request is tried 1 + 2 times. */
const ATTEMPTS = 3;

const TRANSIENT: [string, FaultKind, RegExp][] = [
  ['HTTP 500', { kind: 'status', status: 500 }, /answered HTTP 500: Internal server error/],
  ['HTTP 502', { kind: 'status', status: 502 }, /answered HTTP 502: Bad gateway/],
  ['HTTP 503', { kind: 'status', status: 503 }, /answered HTTP 503: Service unavailable/],
  ['HTTP 504', { kind: 'status', status: 504 }, /answered HTTP 504: Gateway timeout/],
  ['a connection reset', { kind: 'reset' }, /failed: \S+/],
  ['a response that is not valid HTTP', { kind: 'garbled' }, /failed: HTTPParserError/],
  ['a body cut off mid-JSON', { kind: 'truncate' }, /failed: \S+/],
  ['an HTML 502 page', { kind: 'html' }, /answered HTTP 502$/],
  ['an HTML page served with 200', { kind: 'html', status: 200 }, /expected JSON, got an HTML page/],
];

describeEachStore('transient faults are retried with a bounded number of attempts', (store) => {
  const startHarness = useHarness(store);

  it.each(TRANSIENT)('%s twice on /incidents: retried, and the run ends ok with all data', async (_name, fault) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 2, fault });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    const pages = hits(harness, '/incidents', a);
    expect(pages.map((r) => [r.query.page, r.status])).toEqual([
      ['1', loggedStatus(fault)],
      ['1', loggedStatus(fault)],
      ['1', 200],
      ['2', 200],
    ]);
    for (const team of [a!, b!, c!]) {
      expect(await harness.count('incidents', 'team_id = @team', { team })).toBe(incidentsOf(harness, team).length);
    }
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'ok', teams_ok: 3, teams_failed: 0, error: null, requests: harness.server.requests.length });
    // The ledger counts every attempt, the failed ones included: they cost quota too.
    const ledger = await streamRow(harness, result.runId, a!, 'incidents');
    expect(ledger).toMatchObject({ status: 'ok', error: null, pages: 3, rows_inserted: 130 });
    expect(ledger.requests).toBe(requestsOfTeam(harness, a!).filter((r) => r.path.startsWith('/incidents') && !r.path.endsWith('/activity-log')).length);
    expect(ledger.requests).toBe(2 + 2 + 2);
  });

  it.each(TRANSIENT)('%s without end on one team: that stream fails after 1 + retries attempts, stored data stays, the rest syncs', async (_name, fault, error) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const { a, b, c, before, checkpoint, from } = await afterCleanRun(harness);
    expect(before.incidents).toHaveLength(130);
    harness.server.faults.push({ path: '/incidents', teamId: a, fault });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    const attempts = hits(harness, '/incidents', a, from);
    expect(attempts).toHaveLength(ATTEMPTS);
    expect(attempts.every((r) => r.query.page === '1' && r.status === loggedStatus(fault))).toBe(true);
    // The stream stops there: no open-set lists or detail requests for that team afterwards.
    const last = attempts.at(-1)!.index;
    expect(requestsOfTeam(harness, a!, last + 1)).toEqual([]);
    // The teams after it are still walked.
    expect(requestsOfTeam(harness, b!, last + 1).length).toBeGreaterThan(0);
    expect(requestsOfTeam(harness, c!, last + 1).length).toBeGreaterThan(0);

    const failed = await streamRow(harness, result.runId, a!, 'incidents');
    expect(failed).toMatchObject({ status: 'failed', requests: ATTEMPTS, pages: 0, rows_inserted: 0, rows_updated: 0 });
    expect(String(failed.error)).toMatch(new RegExp(`GET /incidents\\?page=1&perPage=100 \\(team ${a}\\)`));
    expect(String(failed.error)).toMatch(error);
    expect((await streamRows(harness, result.runId)).filter((s) => s.status !== 'ok').map((s) => `${String(s.team_id)} ${String(s.stream)}`)).toEqual([`${a} incidents`]);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 2, teams_failed: 1, error: null });
    expect(await teamSnapshot(harness, a!)).toEqual(before);
    expect(await stateOf(harness, a!, 'incidents')).toEqual(checkpoint);
  });

  it('a page cut off for good after page 1 keeps page 1 committed, and the next run resumes at page 2', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    // The first matching rule wins: a no-op rule lets page 1 through, every later page is cut off.
    harness.server.faults.push(
      { path: '/incidents', teamId: a, times: 1, fault: { kind: 'delay', ms: 0 } },
      { path: '/incidents', teamId: a, fault: { kind: 'truncate' } },
    );

    const first = await harness.sync();

    expect(first.status).toBe('partial');
    expect(hits(harness, '/incidents', a).map((r) => r.query.page)).toEqual(['1', '2', '2', '2']);
    expect(await streamRow(harness, first.runId, a!, 'incidents')).toMatchObject({ status: 'failed', pages: 1, rows_inserted: 100, requests: 4 });
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(100);
    expect(await stateOf(harness, a!, 'incidents')).toMatchObject({ resume_page: 2, last_full_at: null });

    harness.server.faults.length = 0;
    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    const second = await harness.sync();

    expect(second.status).toBe('ok');
    expect(hits(harness, '/incidents', a, from).map((r) => r.query.page)).toEqual(['2']);
    expect(await streamRow(harness, second.runId, a!, 'incidents')).toMatchObject({ status: 'ok', rows_inserted: 30 });
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(130);
    expect(await stateOf(harness, a!, 'incidents')).toMatchObject({ resume_page: null, last_full_at: expect.any(String) });
  });

  it('an endless 503 on a team snapshot route fails only that stream and marks none of its rows deleted', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    await harness.sync();
    const members = (await teamSnapshot(harness, b!)).members;
    expect(members.length).toBeGreaterThan(0);

    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    harness.server.faults.push({ path: '/users', teamId: b, fault: { kind: 'status', status: 503 } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(hits(harness, '/users', b, from).map((r) => r.status)).toEqual([503, 503, 503]);
    expect(await streamRow(harness, result.runId, b!, 'team_members')).toMatchObject({ status: 'failed', requests: 3, rows_deleted: 0 });
    expect(await streamRow(harness, result.runId, b!, 'oncall_schedules')).toMatchObject({ status: 'ok' });
    expect(await streamRow(harness, result.runId, b!, 'incidents')).toMatchObject({ status: 'ok' });
    for (const team of [a!, c!]) {
      expect((await streamRows(harness, result.runId)).filter((s) => s.team_id === team).map((s) => s.status)).toEqual(expectedTeamStreams().map(() => 'ok'));
    }
    expect((await teamSnapshot(harness, b!)).members).toEqual(members);
    expect(await harness.count('team_members', 'deleted_at IS NOT NULL')).toBe(0);
  });

  it('an endless 503 on the team listing falls back to the stored teams and still syncs each of them', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const ids = teamIdsOf(harness);
    await harness.sync();
    const teamsBefore = await harness.query('SELECT * FROM teams ORDER BY id');

    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status: 503 } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(hits(harness, '/teams/get-all-teams', undefined, from).map((r) => r.status)).toEqual([503, 503, 503]);
    // A 503 is not a missing route: no fallback to /teams.
    expect(hits(harness, '/teams', undefined, from)).toEqual([]);
    expect(await streamRow(harness, result.runId, '*', 'teams')).toMatchObject({ status: 'failed', requests: 3, error: expect.stringMatching(/GET \/teams\/get-all-teams answered HTTP 503/) });
    expect(await streamRow(harness, result.runId, '*', 'users')).toMatchObject({ status: 'ok' });
    expect(result.teams.map((t) => t.team.id).sort()).toEqual([...ids].sort());
    expect(result.teams.every((t) => t.ok)).toBe(true);
    for (const id of ids) expect(requestsOfTeam(harness, id, from).length).toBeGreaterThan(0);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 3, teams_failed: 0 });
    expect(await harness.query('SELECT * FROM teams ORDER BY id')).toEqual(teamsBefore);
  });

  it('an endless reset on the org members route fails only the users stream', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/orgs/members', fault: { kind: 'reset' } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(hits(harness, '/orgs/members').map((r) => r.status)).toEqual([0, 0, 0]);
    expect(await streamRow(harness, result.runId, '*', 'users')).toMatchObject({ status: 'failed', requests: 3, error: expect.stringMatching(/^GET \/orgs\/members failed: /) });
    expect(await harness.count('users')).toBe(0);
    expect(await harness.count('incidents')).toBe(130 + 40 + 12);
    expect(result.teams.every((t) => t.ok)).toBe(true);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 3, teams_failed: 0 });
  });
});
