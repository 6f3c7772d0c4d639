import { expect, it } from 'vitest';
import { resolveIncident, type Json } from '../../src/demo/sim-org.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

describeEachStore('request budgets', (store) => {
  const startHarness = useHarness(store);

  it('stops a run cleanly when its request cap is spent; later runs finish the work', async () => {
    const harness = await startHarness({ org: { teams: 3, incidentsPerTeam: [450, 300, 120] } });
    const first = await harness.sync({ requestCap: 7 });
    expect(first.status).toBe('partial');
    expect(first.requests).toBe(7);
    expect(harness.server.requests).toHaveLength(7);
    expect(await harness.one('SELECT status, requests FROM sync_runs')).toEqual({ status: 'partial', requests: 7 });
    const stored = await harness.count('incidents');
    const resume = Number(await harness.value("SELECT resume_page FROM sync_state WHERE stream = 'incidents'"));
    expect(stored).toBe((resume - 1) * 100);

    // 7 requests cannot cover three teams, so capped runs take turns, stalest team first, and still make progress.
    for (let i = 0; i < 15 && (await harness.count('incidents')) !== 870; i++) {
      const next = await harness.sync({ requestCap: 7 });
      expect(next.requests).toBeLessThanOrEqual(7);
      expect(next.status).toBe('partial');
    }
    expect(await harness.count('incidents')).toBe(870);
    // Room beyond the steady cost goes to the catalogs (3 per team, never read yet), then to the activity logs of
    // resolved incidents, the last tier, until none is left.
    for (let i = 0; i < 40 && (await harness.sync({ requestCap: 2 + 5 * 3 + 3 * 3 + 10 })).status !== 'ok'; i++);
    expect(await harness.count('incident_activity_reads')).toBeGreaterThan(0);
    harness.clock.advance(15 * 60_000);
    // With a cap at the steady-state cost (2 + 5 per team) a run completes.
    expect((await harness.sync({ requestCap: 2 + 5 * 3 })).status).toBe('ok');
  });

  it('under a monthly budget, reconciles every team\'s open incidents first', async () => {
    const harness = await startHarness({ org: { teams: 3, incidentsPerTeam: [150, 150, 150] } });
    await harness.sync();
    const open = harness.server.org.incidents.filter((i) => i.status === 'NACK' || i.status === 'ACK');
    const victim = open.at(-1) as Json;
    resolveIncident(victim, harness.clock.now());
    harness.clock.advance(15 * 60_000);
    const from = harness.server.requests.length;
    // Two open lists per team plus one detail fetch: nothing else fits.
    const result = await harness.sync({ requestCap: 3 * 2 + 1, openSetFirst: true });
    expect(result.status).toBe('partial');
    const paths = harness.server.requests.slice(from).map((r) => r.path);
    expect(paths.filter((p) => p === '/incidents/triggered' || p === '/incidents/acknowledged')).toHaveLength(6);
    expect(paths).toContain(`/incidents/${victim.counterId as string}`);
    expect(paths).not.toContain('/teams/get-all-teams');
    expect(await harness.value('SELECT status FROM incidents WHERE id = @id', { id: victim._id })).toBe('RES');
    // The open-set pass counts as a stream of its own for `status`, with its own last success.
    expect(await harness.count('sync_state', "stream = 'open_incidents' AND last_success_at IS NOT NULL")).toBe(3);
  });
});
