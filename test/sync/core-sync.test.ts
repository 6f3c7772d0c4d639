import { expect, it } from 'vitest';
import { mapIncident } from '../../src/jobs/mappers/incident.js';
import type { ProgressEvent } from '../../src/jobs/context.js';
import { API_KEY, useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

/** The first column of every row. */
async function column(h: Harness, sql: string): Promise<unknown[]> {
  return (await h.query(sql)).map((row) => Object.values(row)[0]);
}

describeEachStore('sync against the simulated Spike API', (store) => {
  const startHarness = useHarness(store);

  it('stores every team, user, membership, incident and schedule with the mapped fields', async () => {
    const harness = await startHarness();
    const { org } = harness.server;
    const result = await harness.sync();
    expect(result.status).toBe('ok');
    expect(result.teams.map((t) => t.ok)).toEqual([true, true, true]);

    expect(await column(harness, 'SELECT id FROM teams ORDER BY id')).toEqual(org.teams.map((t) => t._id).sort());
    expect(await column(harness, 'SELECT id FROM users ORDER BY id')).toEqual(org.members.map((m) => m._id).sort());
    const removed = org.members.filter((m) => m.removed === true).map((m) => m._id).sort();
    expect(removed.length).toBeGreaterThan(0);
    expect(await column(harness, 'SELECT id FROM users WHERE removed ORDER BY id')).toEqual(removed);

    const memberships = org.teams.flatMap((t) => (t.users as string[]).map((u) => `${t._id as string}:${u}`)).sort();
    expect(await column(harness, 'SELECT id FROM team_members WHERE deleted_at IS NULL ORDER BY id')).toEqual(memberships);

    expect(await harness.count('incidents')).toBe(450);
    for (const team of org.teams) {
      const expected = org.incidents.filter((i) => i.team === team._id).length;
      expect(await harness.count('incidents', 'team_id = @team', { team: team._id })).toBe(expected);
    }
    const schedules = org.oncalls.map((s) => s._id).sort();
    expect(await column(harness, 'SELECT id FROM oncall_schedules ORDER BY id')).toEqual(schedules);

    // Every stored incident equals what the pure mapper makes of the served item.
    const stored = await harness.query<Record<string, unknown>>('SELECT * FROM incidents');
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const item of org.incidents) {
      const mapped = mapIncident(item, item.team as string);
      if (!mapped.ok) throw new Error(mapped.error);
      const row = byId.get(item._id);
      expect(row).toMatchObject({
        team_id: mapped.row.teamId,
        counter_id: mapped.row.counterId,
        title: mapped.row.title,
        status: mapped.row.status,
        priority: mapped.row.priority,
        severity: mapped.row.severity,
        triggered_at: mapped.row.triggeredAt,
        acknowledged_at: mapped.row.acknowledgedAt,
        resolved_at: mapped.row.resolvedAt,
        service_name: mapped.row.serviceName,
        deleted_at: null,
      });
      // Stored as it came, as JSON (PostgreSQL's jsonb keeps the value, not the spacing or key order).
      expect(JSON.parse(String(row?.raw))).toEqual(JSON.parse(JSON.stringify(item)));
    }
    const statuses = await column(harness, 'SELECT DISTINCT status FROM incidents ORDER BY status');
    expect(statuses).toEqual(['ACK', 'NACK', 'RES']);
  });

  it('changes nothing on a second run', async () => {
    const harness = await startHarness();
    await harness.sync();
    const snapshot = async () => ({
      incidents: await harness.query('SELECT id, raw, synced_at FROM incidents ORDER BY id'),
      teams: await harness.query('SELECT id, raw, synced_at FROM teams ORDER BY id'),
      users: await harness.query('SELECT id, raw, synced_at FROM users ORDER BY id'),
      members: await harness.query('SELECT id, raw, synced_at, deleted_at FROM team_members ORDER BY id'),
      schedules: await harness.query('SELECT id, raw, synced_at FROM oncall_schedules ORDER BY id'),
    });
    const before = await snapshot();
    harness.clock.advance(15 * 60_000);
    const second = await harness.sync();
    expect(second.status).toBe('ok');
    const written = [...second.orgStreams, ...second.teams.flatMap((t) => t.streams)].reduce((n, s) => n + s.rowsInserted + s.rowsUpdated + s.rowsDeleted, 0);
    expect(written).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('reads 3+ pages, an exact multiple of 100 and an empty team, with perPage=100', async () => {
    const harness = await startHarness({ org: { incidentsPerTeam: [250, 200, 0] } });
    await harness.sync();
    const pages = (team: string) =>
      harness.server.requests.filter((r) => r.path === '/incidents' && r.teamId === team).map((r) => `${r.query.page}/${r.query.perPage}`);
    const [a, b, c] = harness.server.org.teams.map((t) => t._id as string);
    expect(pages(a!)).toEqual(['1/100', '2/100', '3/100']);
    expect(pages(b!)).toEqual(['1/100', '2/100', '3/100']);
    expect(pages(c!)).toEqual(['1/100']);
    expect(await harness.count('incidents', 'team_id = @team', { team: c })).toBe(0);
  });

  it('stores the same with pages prefetched: at most concurrency - 2 requests past the end, none for a one-page team', async () => {
    const harness = await startHarness({ org: { incidentsPerTeam: [250, 200, 0] } });
    await harness.sync({ pageConcurrency: 4 });
    const prefetched = await harness.query('SELECT id, raw, status FROM incidents ORDER BY id');
    const [a, b, c] = harness.server.org.teams.map((t) => t._id as string);
    const pages = (team: string) => harness.server.requests.filter((r) => r.path === '/incidents' && r.teamId === team).length;
    // Three pages each, and up to two past the end: fewer when pages that arrived together were stored together.
    for (const team of [a!, b!]) expect(pages(team)).toBeGreaterThanOrEqual(3);
    for (const team of [a!, b!]) expect(pages(team)).toBeLessThanOrEqual(5);
    expect(pages(c!)).toBe(1);

    const sequential = await startHarness({ org: { incidentsPerTeam: [250, 200, 0] } });
    await sequential.sync({ pageConcurrency: 1 });
    expect(await sequential.query('SELECT id, raw, status FROM incidents ORDER BY id')).toEqual(prefetched);
  });

  it('pages read ahead that arrive together are stored together, an incident that moved down a page once', async () => {
    const harness = await startHarness({ org: { incidentsPerTeam: [250, 200, 0] } });
    const [team] = harness.server.org.teams.map((t) => t._id as string);
    const page = async (n: number) => {
      const res = await fetch(`${harness.server.url}/incidents?page=${n}&perPage=100`, { headers: { 'x-api-key': API_KEY, 'x-team-id': team! } });
      return ((await res.json()) as { incidents: { _id: string }[] }).incidents;
    };
    const [second, third] = [await page(2), await page(3)];
    // As when an incident arrives while the listing is read: the last of page 2 is listed again at the top of page 3.
    // Page 2 is held back, so page 3 is in hand when it arrives and both go into one commit.
    harness.server.faults.push(
      { path: '/incidents', teamId: team, query: { page: '2' }, fault: { kind: 'delay', ms: 300 } },
      { path: '/incidents', teamId: team, query: { page: '3' }, fault: { kind: 'json', body: { incidents: [second.at(-1), ...third] } } },
    );
    // The progress line is told once per commit, with the pages stored so far.
    const stored: number[] = [];
    const onProgress = (event: ProgressEvent) => {
      if (event.teamId === team && event.stream === 'incidents') stored.push(event.pages);
    };
    const result = await harness.sync({ pageConcurrency: 4 }, { onProgress });
    expect(result.status).toBe('ok');
    expect(stored.slice(0, 2)).toEqual([1, 3]);
    expect(await harness.count('incidents', 'team_id = @team', { team })).toBe(250);
    const [stream] = await harness.query<{ pages: number; rows_inserted: number; status: string }>(
      "SELECT pages, rows_inserted, status FROM sync_run_streams WHERE team_id = @team AND stream = 'incidents'",
      { team },
    );
    // Three listing pages and the open lists.
    expect(stream).toMatchObject({ pages: 4, rows_inserted: 250, status: 'ok' });
  });

  it('sends only GET, the key on every request and one team per team-scoped request', async () => {
    const harness = await startHarness();
    await harness.sync();
    await harness.sync();
    const { requests, org } = harness.server;
    const teamIds = new Set(org.teams.map((t) => t._id));
    expect(requests.length).toBeGreaterThan(10);
    for (const r of requests) {
      expect(r.method).toBe('GET');
      expect(r.apiKey).toBe(API_KEY);
      expect(r.status).toBe(200);
      // A schedule's overrides route takes the key alone (spike-api.md 2.6).
      const orgWide = r.path.startsWith('/teams') || r.path.startsWith('/orgs/') || /^\/oncalls\/[^/]+\/overrides$/.test(r.path);
      if (orgWide) expect(r.teamId).toBeUndefined();
      else expect(teamIds.has(r.teamId)).toBe(true);
    }
  });

  it.each(['data', 'result', 'bare'] as const)('tolerates list drift: %s', async (drift) => {
    const harness = await startHarness({ server: { drift } });
    const result = await harness.sync();
    expect(result.status).toBe('ok');
    expect(await harness.count('incidents')).toBe(450);
    expect(await harness.count('teams')).toBe(3);
    expect(await harness.count('oncall_schedules')).toBe(harness.server.org.oncalls.length);
  });

  it('falls back to /teams when /teams/get-all-teams is unknown', async () => {
    const harness = await startHarness({ server: { teamsRoute: 'legacy-only' } });
    const result = await harness.sync();
    expect(result.status).toBe('ok');
    expect(harness.server.requests.slice(0, 2).map((r) => `${r.path} ${r.status}`)).toEqual(['/teams/get-all-teams 404', '/teams 200']);
    expect(await harness.count('teams')).toBe(3);
  });

  it('fails the incidents stream loudly when the server ignores paging, and keeps the other teams', async () => {
    const harness = await startHarness({ server: { ignorePaging: true } });
    const result = await harness.sync();
    expect(result.status).toBe('partial');
    const [a, b, c] = result.teams;
    expect(a!.streams.find((s) => s.stream === 'incidents')).toMatchObject({ status: 'failed', error: expect.stringMatching(/page 2 repeats page 1/) });
    expect(b!.ok).toBe(false);
    expect(c!.ok).toBe(true);
    expect(await harness.count('team_members', 'team_id = @team', { team: a!.team.id })).toBeGreaterThan(0);
  });

  it('syncs only the named teams', async () => {
    const harness = await startHarness();
    const second = harness.server.org.teams[1]!._id as string;
    const result = await harness.sync({ teams: [second] });
    expect(result.teams.map((t) => t.team.id)).toEqual([second]);
    const teamScoped = harness.server.requests.filter((r) => r.teamId !== undefined);
    expect(new Set(teamScoped.map((r) => r.teamId))).toEqual(new Set([second]));
    expect(await harness.value('SELECT COUNT(DISTINCT team_id) AS n FROM incidents')).toBe(1);
  });
});
