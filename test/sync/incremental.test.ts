import { expect, it } from 'vitest';
import { createRng } from '../../src/demo/rng.js';
import {
  acknowledgeIncident, addIncidents, findIncidents, removeMember, resolveIncident, setPriority, setTitle, unacknowledgeIncident, type Json,
} from '../../src/demo/sim-org.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

const QUARTER = 15 * 60_000;

async function row(h: Harness, id: unknown): Promise<Record<string, unknown>> {
  return (await h.one('SELECT * FROM incidents WHERE id = @id', { id }))!;
}

async function requestsOf(h: Harness, run: () => Promise<unknown>): Promise<string[]> {
  const from = h.server.requests.length;
  await run();
  return h.server.requests.slice(from).map((r) => `${r.path}${r.query.page ? `?page=${r.query.page}` : ''}`);
}

function teamIds(h: Harness): string[] {
  return h.server.org.teams.map((t) => t._id as string);
}

describeEachStore('incremental incident sync', (store) => {
  const startHarness = useHarness(store);

  it('a run in which nothing changed costs at most 2 + 6 x teams requests', async () => {
    const harness = await startHarness({ org: { teams: 4, incidentsPerTeam: [250, 200, 0, 40] } });
    await harness.sync();
    harness.clock.advance(QUARTER);
    const requests = await requestsOf(harness, () => harness.sync());
    expect(requests.length).toBeLessThanOrEqual(2 + 6 * 4);
    // Per team: one page, the two open lists, users and schedules.
    expect(requests.length).toBe(2 + 5 * 4);
  });

  it('picks up new incidents, acknowledgements, resolutions, re-prioritisation and title edits in one run', async () => {
    const harness = await startHarness({ org: { teams: 2, incidentsPerTeam: [250, 120] } });
    const [teamA] = teamIds(harness);
    const newest = newestFirst(findIncidents(harness.server.org, teamA!));
    const before = new Date(Date.parse(String(newest[0]!.NACK_at)) + 60_000);
    // Old enough that the next run's pages do not reach them: only the open-set reconcile can see their changes.
    const open = [unacknowledgeIncident(newest[100]!, before), unacknowledgeIncident(newest[110]!, before)];
    const acked = [acknowledgeIncident(newest[120]!, before)];
    await harness.sync();
    expect(await row(harness, open[0]!._id)).toMatchObject({ status: 'NACK' });
    expect(await row(harness, acked[0]!._id)).toMatchObject({ status: 'ACK' });

    harness.clock.advance(QUARTER);
    const at = harness.clock.now();
    const added = addIncidents(harness.server.org, teamA!, 130, createRng(3), at);
    acknowledgeIncident(open[0]!, at);
    resolveIncident(open[1]!, at);
    resolveIncident(acked[0]!, at);
    setPriority(open[0]!, 'p1', at);
    setTitle(open[0]!, 'Checkout latency p99 above 3s', at);

    const baseline = 2 + 5 * 2;
    const requests = await requestsOf(harness, () => harness.sync());
    // ⌈130/100⌉ extra pages, plus one detail request and one activity-log read for each of the two incidents that left the open set.
    expect(requests.length).toBeLessThanOrEqual(baseline + 2 + 2 + 2);
    expect(requests.filter((p) => /^\/incidents\/[^/]+$/.test(p) && !p.endsWith('/triggered') && !p.endsWith('/acknowledged')).sort()).toEqual(
      [`/incidents/${open[1]!.counterId as string}`, `/incidents/${acked[0]!.counterId as string}`].sort(),
    );

    for (const inc of added) expect(await row(harness, inc._id)).toMatchObject({ status: 'NACK', triggered_at: at.toISOString() });
    expect(await row(harness, open[0]!._id)).toMatchObject({ status: 'ACK', acknowledged_at: at.toISOString(), priority: 'p1', title: 'Checkout latency p99 above 3s' });
    expect(await row(harness, open[1]!._id)).toMatchObject({ status: 'RES', resolved_at: at.toISOString() });
    expect(await row(harness, acked[0]!._id)).toMatchObject({ status: 'RES', resolved_at: at.toISOString() });
  });

  it('catches an incident that arrived late, within the lookback window', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [150] } });
    await harness.sync();
    const [team] = teamIds(harness);
    const newest = String(await harness.value('SELECT MAX(triggered_at) AS newest FROM incidents'));
    const late = addIncidents(harness.server.org, team!, 1, createRng(5), new Date(Date.parse(newest) - 30 * 60_000));
    harness.clock.advance(QUARTER);
    await harness.sync();
    expect(await row(harness, late[0]!._id)).toMatchObject({ status: 'NACK' });
  });

  it('does not move the watermark past pages a failed run never read', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [150] } });
    await harness.sync();
    const [team] = teamIds(harness);
    harness.clock.advance(24 * 3_600_000 - 1);
    const now = harness.clock.now();
    // An alert storm: 150 incidents three hours ago, 100 now. Pages: 100 now | 100 older | 50 older + history.
    const storm = [
      ...addIncidents(harness.server.org, team!, 150, createRng(8), new Date(now.getTime() - 3 * 3_600_000)),
      ...addIncidents(harness.server.org, team!, 100, createRng(9), now),
    ];
    harness.server.faults.push(
      { path: '/incidents', teamId: team, times: 1, fault: { kind: 'delay', ms: 0 } },
      { path: '/incidents', teamId: team, times: 1, fault: { kind: 'status', status: 400 } },
    );
    const weekly = { fullSyncIntervalMs: 7 * 86_400_000 };
    const failed = await harness.sync(weekly);
    expect(failed.teams[0]!.streams.find((s) => s.stream === 'incidents')!.status).toBe('failed');
    // Resolved before the next run: the open-set reconcile cannot bring them in, only the pages can.
    for (const inc of storm) resolveIncident(inc, now);

    harness.clock.advance(60_000);
    const from = harness.server.requests.length;
    await harness.sync(weekly);
    expect(harness.server.requests.slice(from).filter((r) => r.path === '/incidents').map((r) => r.query.page)).toEqual(['1', '2', '3']);
    const stormIds = (await harness.dialect()).inList('id', 'ids', storm.map((i) => String(i._id)));
    const stored = await harness.count('incidents', stormIds.sql, stormIds.params);
    expect(stored).toBe(250);
  });

  it('reads every page when the list is not newest-first', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [250] } });
    await harness.sync();
    const [team] = teamIds(harness);
    // An old incident edited so it sorts oddly: served at the top although triggered long ago.
    harness.server.faults.push({
      path: '/incidents',
      teamId: team,
      times: 1,
      fault: { kind: 'json', body: { incidents: shuffledFirstPage(harness.server.org.incidents) } },
    });
    harness.clock.advance(QUARTER);
    const requests = await requestsOf(harness, () => harness.sync());
    expect(requests.filter((p) => p.startsWith('/incidents?'))).toEqual(['/incidents?page=1', '/incidents?page=2', '/incidents?page=3']);
  });

  it('re-reads everything on the periodic full reconciliation and on --full, catching edits to closed incidents', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [250] } });
    await harness.sync();
    const old = newestFirst(harness.server.org.incidents).filter((i) => i.status === 'RES').at(-1)!;
    setPriority(old, 'p5', harness.clock.now());
    harness.clock.advance(QUARTER);
    await harness.sync();
    expect((await row(harness, old._id)).priority).not.toBe('p5');

    const forced = await requestsOf(harness, () => harness.sync({ full: true }));
    expect(forced.filter((p) => p.startsWith('/incidents?'))).toHaveLength(3);
    expect((await row(harness, old._id)).priority).toBe('p5');

    setTitle(old, 'Renamed after the fact', harness.clock.now());
    harness.clock.advance(24 * 3_600_000);
    const periodic = await requestsOf(harness, () => harness.sync());
    expect(periodic.filter((p) => p.startsWith('/incidents?'))).toHaveLength(3);
    expect((await row(harness, old._id)).title).toBe('Renamed after the fact');
  });

  it('resumes an interrupted backfill from its checkpoint', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [450] } });
    const [team] = teamIds(harness);
    const controller = new AbortController();
    // Slow pages; the stop arrives while page 3 is in flight: that page commits, then the run stops.
    const onRequest = setInterval(() => {
      if (harness.server.requests.filter((r) => r.path === '/incidents').length >= 3) controller.abort();
    }, 1);
    harness.server.faults.push({ path: '/incidents', teamId: team, fault: { kind: 'delay', ms: 50 } });
    const first = await harness.sync({}, { signal: controller.signal }).catch((err: unknown) => err);
    clearInterval(onRequest);
    expect(String(first)).toMatch(/interrupted/);
    const stored = await harness.count('incidents');
    const resume = Number(await harness.value("SELECT resume_page FROM sync_state WHERE stream = 'incidents'"));
    expect(stored).toBe((resume - 1) * 100);
    expect((await harness.query<{ status: string }>('SELECT status FROM sync_runs')).map((r) => r.status)).toEqual(['interrupted']);

    harness.server.faults.length = 0;
    const from = harness.server.requests.length;
    await harness.sync();
    const pages = harness.server.requests.slice(from).filter((r) => r.path === '/incidents').map((r) => Number(r.query.page));
    expect(pages[0]).toBe(resume);
    expect(await harness.count('incidents')).toBe(450);
    expect(await harness.value("SELECT resume_page FROM sync_state WHERE stream = 'incidents'")).toBeNull();
  });
});

describeEachStore('stopping', (store) => {
  const startHarness = useHarness(store);

  it('a stop signal ends a long Retry-After wait at once; the run is recorded as interrupted', async () => {
    const harness = await startHarness({ org: { teams: 2, incidentsPerTeam: [150, 150] } });
    const [a] = teamIds(harness);
    harness.server.faults.push({ path: '/incidents', teamId: a, fault: { kind: 'status', status: 429, headers: { 'Retry-After': '60' } } });
    const controller = new AbortController();
    let stoppedAt = Number.NaN;
    const waiting = setInterval(() => {
      if (controller.signal.aborted || !harness.server.requests.some((r) => r.status === 429)) return;
      stoppedAt = performance.now();
      controller.abort();
    }, 5);
    const outcome = await harness.sync({}, { signal: controller.signal }).catch((err: unknown) => err);
    const endedAt = performance.now();
    clearInterval(waiting);
    expect(String(outcome)).toMatch(/interrupted/);
    // Timed from the stop, not from the start of the sync: "at once" means well inside the 60 s Retry-After.
    expect(endedAt - stoppedAt).toBeLessThan(5000);
    expect(harness.server.requests.filter((r) => r.path === '/incidents')).toHaveLength(1);
    expect((await harness.query<{ status: string }>('SELECT status FROM sync_runs')).map((r) => r.status)).toEqual(['interrupted']);
    expect((await harness.query<{ status: string }>("SELECT status FROM sync_run_streams WHERE stream = 'incidents'")).map((r) => r.status)).toEqual(['interrupted']);
  });
});

describeEachStore('snapshot streams', (store) => {
  const startHarness = useHarness(store);

  it('soft-deletes a vanished membership, and revives it when it comes back', async () => {
    const harness = await startHarness({ org: { teams: 2, usersPerTeam: 6, incidentsPerTeam: [10, 10] } });
    await harness.sync();
    const team = harness.server.org.teams[0]!;
    const userId = (team.users as string[])[0]!;
    const member = harness.server.org.members.find((m) => m._id === userId)!;
    const before = structuredClone({ member, teams: harness.server.org.teams.map((t) => [...(t.users as string[])]) });
    removeMember(harness.server.org, userId, harness.clock.now());
    harness.clock.advance(QUARTER);
    await harness.sync();
    const membership = () => harness.value('SELECT deleted_at FROM team_members WHERE id = @id', { id: `${team._id as string}:${userId}` });
    const removed = () => harness.value('SELECT removed FROM users WHERE id = @id', { id: userId });
    expect(await membership()).toBe(harness.clock.now().toISOString());
    expect(await removed()).toBe(1);

    Object.assign(member, before.member);
    harness.server.org.teams.forEach((t, i) => (t.users = before.teams[i]));
    harness.clock.advance(QUARTER);
    await harness.sync();
    expect(await membership()).toBeNull();
    expect(await removed()).toBe(0);
  });

  it('refuses to soft-delete more than half of a team\'s rows unless --full', async () => {
    const harness = await startHarness({ org: { teams: 1, usersPerTeam: 6, incidentsPerTeam: [5] } });
    await harness.sync();
    const [team] = teamIds(harness);
    harness.server.faults.push({ path: '/users', teamId: team, fault: { kind: 'json', body: { users: [] } } });
    harness.clock.advance(QUARTER);
    const result = await harness.sync();
    const members = result.teams[0]!.streams.find((s) => s.stream === 'team_members')!;
    expect(members).toMatchObject({ status: 'ok', rowsDeleted: 0 });
    expect(await harness.count('team_members', 'deleted_at IS NOT NULL')).toBe(0);

    await harness.sync({ full: true });
    expect(await harness.count('team_members', 'deleted_at IS NULL')).toBe(0);
  });

  it('does not delete anything when a listing fails', async () => {
    const harness = await startHarness({ org: { teams: 1, incidentsPerTeam: [5] } });
    await harness.sync();
    const [team] = teamIds(harness);
    harness.server.faults.push({ path: '/on-calls', teamId: team, fault: { kind: 'status', status: 400 } });
    const result = await harness.sync({ full: true });
    expect(result.status).toBe('partial');
    expect(await harness.count('oncall_schedules', 'deleted_at IS NULL')).toBe(harness.server.org.oncalls.length);
  });
});

function newestFirst(incidents: Json[]): Json[] {
  return [...incidents].sort((a, b) => String(b.NACK_at).localeCompare(String(a.NACK_at)));
}

function shuffledFirstPage(all: Json[]): Json[] {
  const sorted = newestFirst(all);
  const page = sorted.slice(0, 100);
  const oldest = sorted.at(-1)!;
  return [oldest, ...page.slice(0, 99)];
}
