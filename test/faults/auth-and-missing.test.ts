import { expect, it } from 'vitest';
import { SpikeAuthError } from '../../src/spike/index.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import {
  QUARTER, SMALL_ORG, allRuns, hits, incidentsOf, requestsOfTeam, runRow, streamRow, streamRows, teamIdsOf, teamSnapshot,
} from './fault-kit.js';

async function rejection(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => {
      throw new Error('the run was expected to fail');
    },
    (err: unknown) => err,
  );
}

describeEachStore('the API key is rejected (401, 403): the run stops at once', (store) => {
  const startHarness = useHarness(store);

  it.each([401, 403])('%i on the team listing', async (status) => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status } });

    const err = await rejection(harness.sync());

    expect(err).toBeInstanceOf(SpikeAuthError);
    expect((err as SpikeAuthError).status).toBe(status);
    expect((err as Error).message).toMatch(new RegExp(`^API key rejected by Spike \\(HTTP ${status} on GET /teams/get-all-teams\\)`));
    // One request, not retried, no fallback to /teams and nothing after it.
    expect(harness.server.requests.map((r) => `${r.path} ${r.status}`)).toEqual([`/teams/get-all-teams ${status}`]);
    const [run] = await allRuns(harness);
    expect(await allRuns(harness)).toHaveLength(1);
    expect(run).toMatchObject({ status: 'failed', requests: 1, error: expect.stringMatching(/API key rejected/) });
    expect(run!.finished_at).not.toBeNull();
    expect(await streamRows(harness, Number(run!.id))).toEqual([
      expect.objectContaining({ team_id: '*', stream: 'teams', status: 'failed', requests: 1, error: expect.stringMatching(/API key rejected/) }),
    ]);
    expect(await harness.count('teams')).toBe(0);
    // SQLite's run lock is released; PostgreSQL has none (workers share it, see the workers tests).
    if (harness.storeKind === 'sqlite') expect(await harness.count('sync_lock')).toBe(0);
  });

  it.each([401, 403])('%i on the second team\'s /incidents: the first team stays committed, the third is never asked', async (status) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: b, fault: { kind: 'status', status } });

    const err = await rejection(harness.sync());

    expect(err).toBeInstanceOf(SpikeAuthError);
    expect((err as Error).message).toMatch(new RegExp(`^API key rejected by Spike \\(HTTP ${status} on GET /incidents\\?page=1&perPage=100\\)`));
    const rejected = hits(harness, '/incidents', b);
    expect(rejected.map((r) => r.status)).toEqual([status]);
    // Nothing starts after it: the only later requests are the team's members and schedules, sent beside it.
    const later = harness.server.requests.slice(rejected[0]!.index + 1);
    expect(later.every((r) => r.teamId === b && ['/users', '/on-calls'].includes(r.path))).toBe(true);
    expect(requestsOfTeam(harness, c!)).toEqual([]);

    const [run] = await allRuns(harness);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringMatching(/API key rejected/), requests: harness.server.requests.length });
    const rows = await streamRows(harness, Number(run!.id));
    expect(rows.map((s) => `${String(s.team_id)} ${String(s.stream)}`)).toEqual([
      '* teams',
      '* users',
      `${a} team_members`,
      `${a} oncall_schedules`,
      `${a} incidents`,
      `${b} team_members`,
      `${b} oncall_schedules`,
      `${b} incidents`,
    ]);
    // The team's other streams of the tier finished beside it, or were stopped by it; none failed on its own.
    const statusOf = (team: string, stream: string) => String(rows.find((r) => r.team_id === team && r.stream === stream)?.status);
    expect(rows.filter((r) => r.team_id !== b).every((r) => r.status === 'ok')).toBe(true);
    expect(statusOf(b!, 'incidents')).toBe('failed');
    for (const stream of ['team_members', 'oncall_schedules']) expect(['ok', 'interrupted']).toContain(statusOf(b!, stream));
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(incidentsOf(harness, a!).length);
    expect(await harness.count('incidents', 'team_id = @b', { b })).toBe(0);
    expect(await harness.count('oncall_schedules', 'team_id = @b', { b })).toBe(statusOf(b!, 'oncall_schedules') === 'ok' ? 1 : 0);
    expect(await harness.count('team_members', 'team_id = @c', { c })).toBe(0);
  });

  it('a 401 in the middle of a later run leaves the stored data as it was', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b] = teamIdsOf(harness);
    await harness.sync();
    const before = await teamSnapshot(harness, b!);

    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    harness.server.faults.push({ path: '/users', teamId: b, fault: { kind: 'status', status: 401 } });
    const err = await rejection(harness.sync());

    expect(err).toBeInstanceOf(SpikeAuthError);
    const rejected = hits(harness, '/users', b, from);
    expect(rejected.map((r) => r.status)).toEqual([401]);
    // Nothing after it but what the team's streams beside it had under way: its schedules and incidents.
    const beside = ['/on-calls', '/incidents', '/incidents/triggered', '/incidents/acknowledged'];
    expect(harness.server.requests.slice(rejected[0]!.index + 1).every((r) => r.teamId === b && beside.includes(r.path))).toBe(true);
    expect(requestsOfTeam(harness, a!, from).length).toBeGreaterThan(0);
    expect((await allRuns(harness)).map((r) => r.status)).toEqual(['ok', 'failed']);
    expect(await teamSnapshot(harness, b!)).toEqual(before);
  });
});

describeEachStore('404', (store) => {
  const startHarness = useHarness(store);

  it('on /teams/get-all-teams falls back to /teams once, without retrying', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status: 404, body: JSON.stringify({ message: 'Unknown route', error: 'NOT_FOUND' }) } });

    const result = await harness.sync();

    expect(result.status).toBe('ok');
    expect(harness.server.requests.slice(0, 3).map((r) => `${r.path} ${r.status}`)).toEqual(['/teams/get-all-teams 404', '/teams 200', '/orgs/members 200']);
    expect(hits(harness, '/teams/get-all-teams')).toHaveLength(1);
    expect(hits(harness, '/teams')).toHaveLength(1);
    expect(await streamRow(harness, result.runId, '*', 'teams')).toMatchObject({ status: 'ok', requests: 2, rows_inserted: 3, error: null });
    expect(await harness.count('teams')).toBe(3);
    expect(await harness.count('incidents')).toBe(130 + 40 + 12);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'ok', teams_ok: 3 });
  });

  it('on both team routes fails the teams stream; nothing else is asked of a store that knows no team', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: /^\/teams/, fault: { kind: 'status', status: 404 } });

    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(harness.server.requests.map((r) => `${r.path} ${r.status}`)).toEqual(['/teams/get-all-teams 404', '/teams 404', '/orgs/members 200']);
    expect(await streamRow(harness, result.runId, '*', 'teams')).toMatchObject({ status: 'failed', requests: 2, error: expect.stringMatching(/GET \/teams answered HTTP 404/) });
    expect(result.teams).toEqual([]);
  });

  it.each([
    [404, /answered HTTP 404: Not found/],
    [400, /answered HTTP 400: Bad request/],
  ])('%i on one team\'s /on-calls fails just that stream, without retrying, and keeps its schedules', async (status, error) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    await harness.sync();
    const schedules = (await teamSnapshot(harness, b!)).schedules;
    expect(schedules).toHaveLength(1);

    harness.clock.advance(QUARTER);
    const from = harness.server.requests.length;
    harness.server.faults.push({ path: '/on-calls', teamId: b, fault: { kind: 'status', status } });
    const result = await harness.sync();

    expect(result.status).toBe('partial');
    expect(hits(harness, '/on-calls', b, from).map((r) => r.status)).toEqual([status]);
    expect(await streamRow(harness, result.runId, b!, 'oncall_schedules')).toMatchObject({
      status: 'failed',
      requests: 1,
      rows_deleted: 0,
      error: expect.stringMatching(new RegExp(`^GET /on-calls \\(team ${b}\\) `)),
    });
    expect(String((await streamRow(harness, result.runId, b!, 'oncall_schedules')).error)).toMatch(error);
    expect(await streamRow(harness, result.runId, b!, 'team_members')).toMatchObject({ status: 'ok' });
    expect(await streamRow(harness, result.runId, b!, 'incidents')).toMatchObject({ status: 'ok' });
    expect(result.teams.map((t) => [t.team.id, t.ok])).toEqual([[a, true], [b, false], [c, true]]);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 2, teams_failed: 1 });
    expect((await teamSnapshot(harness, b!)).schedules).toEqual(schedules);
  });
});
