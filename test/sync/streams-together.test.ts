import { expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/demo/server.js';
import { resolveIncident, unacknowledgeIncident } from '../../src/demo/sim-org.js';
import { SpikeAuthError } from '../../src/spike/index.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

const QUARTER = 15 * 60_000;
const ORG = { teams: 3, incidentsPerTeam: [130, 40, 12] };

/** Each request of `from` on, as `path` with its position in the log and how many were open beside it when it arrived. */
function served(requests: readonly RecordedRequest[], from = 0) {
  return requests.slice(from).map((r, i) => ({ index: from + i, path: r.path, teamId: r.teamId, beside: r.beside }));
}

describeEachStore('a team\'s streams of one tier run at once', (kind) => {
  const harness = useHarness(kind);

  it('in a run with nothing new, a team\'s members, schedules and first incident page go out together, then its two open lists', async () => {
    // The latency keeps each request open long enough to see what arrives beside it.
    const h = await harness({ org: ORG, server: { latencyMs: 60 } });
    await h.sync({ pageConcurrency: 4 });
    h.clock.advance(QUARTER);
    const from = h.server.requests.length;
    const result = await h.sync();
    expect(result.status).toBe('ok');
    const log = served(h.server.requests, from);

    // The organisation's listings one after the other, the team listing first.
    expect(log.slice(0, 2).map((r) => [r.path, r.beside])).toEqual([['/teams/get-all-teams', 0], ['/orgs/members', 0]]);
    const teams = h.server.org.teams.map((t) => t._id as string);
    for (const team of teams) {
      const ofTeam = log.filter((r) => r.teamId === team);
      expect(ofTeam.map((r) => r.path)).toEqual(['/users', '/on-calls', '/incidents', '/incidents/triggered', '/incidents/acknowledged']);
      // The first three arrive together, as do the two lists once the page is in.
      expect(ofTeam.map((r) => r.beside)).toEqual([0, 1, 2, 0, 1]);
    }
    // Teams one at a time: every request of a team comes after every request of the team before it.
    const lastOf = (team: string) => Math.max(...log.filter((r) => r.teamId === team).map((r) => r.index));
    const firstOf = (team: string) => Math.min(...log.filter((r) => r.teamId === team).map((r) => r.index));
    for (let i = 1; i < teams.length; i++) expect(firstOf(teams[i]!)).toBeGreaterThan(lastOf(teams[i - 1]!));
    // Each stream still counts exactly its own requests, and the ledger rows keep the registry's order.
    expect(result.requests).toBe(log.length);
    const rows = await h.query<{ stream: string; requests: number }>('SELECT stream, requests FROM sync_run_streams WHERE run_id = @run AND team_id = @team ORDER BY id', { run: result.runId, team: teams[0] });
    expect(rows.map((r) => [r.stream, Number(r.requests)])).toEqual([['team_members', 1], ['oncall_schedules', 1], ['incidents', 3], ['incident_events', 0]]);
  });

  it('a stream that stops the run stops the streams beside it, which record why, and the run ends once they have ended', async () => {
    const h = await harness({ org: ORG });
    const [a] = h.server.org.teams.map((t) => t._id as string);
    // The schedules are still being answered when the incident page is refused.
    h.server.faults.push({ path: '/on-calls', teamId: a, fault: { kind: 'delay', ms: 5_000 } });
    h.server.faults.push({ path: '/incidents', teamId: a, fault: { kind: 'status', status: 401 } });

    await expect(h.sync()).rejects.toBeInstanceOf(SpikeAuthError);

    const rows = await h.query<{ stream: string; status: string; error: string | null; requests: number }>(
      'SELECT stream, status, error, requests FROM sync_run_streams WHERE team_id = @a ORDER BY id',
      { a },
    );
    expect(rows.find((r) => r.stream === 'incidents')).toMatchObject({ status: 'failed', error: expect.stringMatching(/API key rejected/) });
    expect(rows.find((r) => r.stream === 'oncall_schedules')).toMatchObject({
      status: 'interrupted',
      error: 'stopped: another stream running beside it failed, and the run stops',
      requests: 1,
    });
    expect(await h.one('SELECT status, requests FROM sync_runs')).toMatchObject({ status: 'failed', requests: h.server.requests.length });
    expect(await h.count('sync_run_streams', "status = 'running'")).toBe(0);
  });

  it('reads activity logs ahead, stores each once, and counts each request once', async () => {
    const h = await harness({ org: { teams: 1, incidentsPerTeam: [120] }, server: { latencyMs: 20 } });
    const result = await h.sync({ pageConcurrency: 4 });
    expect(result.status).toBe('ok');
    const logs = h.server.requests.filter((r) => r.path.endsWith('/activity-log'));
    expect(logs.length).toBeGreaterThan(10);
    expect(new Set(logs.map((r) => r.path)).size).toBe(logs.length);
    // Four in flight, also while one is stored: a log arrives with three others still being answered.
    expect(Math.max(...logs.map((r) => r.beside))).toBe(3);
    expect(await h.count('incident_activity_reads')).toBe(logs.length);
    expect(await h.value("SELECT requests FROM sync_run_streams WHERE stream = 'incident_events'")).toBe(logs.length);
    expect(result.requests).toBe(h.server.requests.length);
  });

  it('fetches the incidents that left the open set several at once, each once, and stores what each became', async () => {
    const h = await harness({ org: { teams: 1, incidentsPerTeam: [300] }, server: { latencyMs: 20 } });
    const incidents = [...h.server.org.incidents].sort((a, b) => String(b.NACK_at).localeCompare(String(a.NACK_at)));
    // Older than the first page, so only the open-set reconcile sees them change.
    const reopened = incidents.slice(150, 162).map((incident) => unacknowledgeIncident(incident, new Date(Date.parse(String(incidents[0]!.NACK_at)) + 60_000)));
    await h.sync({ pageConcurrency: 4 });
    const statusOf = (id: unknown) => h.value('SELECT status FROM incidents WHERE id = @id', { id });
    for (const incident of reopened) expect(await statusOf(incident._id)).toBe('NACK');
    h.clock.advance(QUARTER);
    for (const incident of reopened) resolveIncident(incident, h.clock.now());
    const from = h.server.requests.length;
    const result = await h.sync({ pageConcurrency: 4 });
    expect(result.status).toBe('ok');
    const details = h.server.requests.slice(from).filter((r) => /^\/incidents\/[^/]+$/.test(r.path) && !/\/(triggered|acknowledged)$/.test(r.path));
    expect(details.map((r) => r.path).sort()).toEqual(reopened.map((i) => `/incidents/${String(i.counterId)}`).sort());
    expect(Math.max(...details.map((r) => r.beside))).toBe(3);
    for (const incident of reopened) expect(await statusOf(incident._id)).toBe('RES');
    expect(result.requests).toBe(h.server.requests.length - from);
  });
});
