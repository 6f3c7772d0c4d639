import { expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { createSpikeClient, listTeams } from '../../src/spike/index.js';
import { API_KEY, useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { SMALL_ORG, hits, runRow, streamRow, teamIdsOf } from './fault-kit.js';

describeEachStore('responses slower than the timeout', (store) => {
  const startHarness = useHarness(store);

  // undici arms its headers timeout on a coarse timer (about one second), so a short timeout
  // fires after roughly a second; the server stalls well beyond that.
  const TIMEOUT_MS = 100;
  const SLOW = { kind: 'delay', ms: 3000 } as const;

  it('retries a request whose headers come too late', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/teams/get-all-teams', times: 1, fault: SLOW });
    const client = createSpikeClient({ baseUrl: harness.server.url, apiKey: API_KEY, timeoutMs: TIMEOUT_MS, logger: silentLogger(), retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
    try {
      const teams = await listTeams(client);
      expect(teams.map((t) => (t as { _id: string })._id)).toEqual(teamIdsOf(harness));
      expect(client.requestCount).toBe(2);
    } finally {
      await client.close();
    }
    expect(hits(harness, '/teams/get-all-teams')).toHaveLength(2);
    expect(hits(harness, '/teams')).toEqual([]);
  });

  it('a slow page once: the run ends ok with all data', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/incidents', teamId: a, times: 1, fault: SLOW });
    const result = await harness.sync({}, { client: { timeoutMs: TIMEOUT_MS } });

    expect(result.status).toBe('ok');
    expect(hits(harness, '/incidents', a).map((r) => r.query.page)).toEqual(['1', '1', '2']);
    expect(await harness.count('incidents')).toBe(130 + 40 + 12);
    expect(await streamRow(harness, result.runId, a!, 'incidents')).toMatchObject({ status: 'ok', requests: 5, rows_inserted: 130 });
  });

  it('a route that is always too slow fails its stream after 1 + retries attempts; the other teams sync', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    harness.server.faults.push({ path: '/on-calls', teamId: c, fault: SLOW });
    const result = await harness.sync({}, { client: { timeoutMs: TIMEOUT_MS, retry: { retries: 1 } } });

    expect(result.status).toBe('partial');
    expect(hits(harness, '/on-calls', c)).toHaveLength(2);
    expect(await streamRow(harness, result.runId, c!, 'oncall_schedules')).toMatchObject({
      status: 'failed',
      requests: 2,
      error: expect.stringMatching(new RegExp(`^GET /on-calls \\(team ${c}\\) failed: \\S+`)),
    });
    expect(await streamRow(harness, result.runId, c!, 'incidents')).toMatchObject({ status: 'ok', rows_inserted: 12 });
    expect(result.teams.map((t) => t.ok)).toEqual([true, true, false]);
    for (const team of [a!, b!]) expect(await harness.count('oncall_schedules', 'team_id = @team', { team })).toBeGreaterThan(0);
    expect(await harness.count('oncall_schedules', 'team_id = @c', { c })).toBe(0);
    expect(await runRow(harness, result.runId)).toMatchObject({ status: 'partial', teams_ok: 2, teams_failed: 1 });
  });
});
