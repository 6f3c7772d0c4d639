import { expect, it } from 'vitest';
import { STREAMS, expectedTeamStreams, minimumUsefulRun, tiersOf } from '../../src/jobs/streams.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';

describeEachStore('the stream registry', (store) => {
  const startHarness = useHarness(store);

  it('is what a run does: every due stream, tier by tier, teams in turn, in the ledger', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [30, 10] } });
    const result = await h.sync();
    const [a, b] = h.server.org.teams.map((t) => t._id as string);
    const ledger = await h.query('SELECT team_id, stream FROM sync_run_streams WHERE run_id = @runId ORDER BY id', { runId: result.runId });
    const teamStreams = expectedTeamStreams();
    // Tier by tier: every team's streams of one tier before the next tier's.
    const teamTiers = tiersOf(STREAMS.filter((s) => teamStreams.includes(s.name)));
    expect(ledger).toEqual([
      ...STREAMS.filter((s) => s.scope === 'organisation').map((s) => ({ team_id: '*', stream: s.name })),
      ...teamTiers.flatMap((tier) => [a, b].flatMap((team) => tier.map((s) => ({ team_id: team, stream: s.name })))),
    ]);
    expect(tiersOf(STREAMS).flat().map((s) => s.name)).toEqual(STREAMS.map((s) => s.name).sort((x, y) => tierOf(x) - tierOf(y)));
  });

  it('prices a run in which nothing changed exactly', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: [120, 40, 0] } });
    await h.sync();
    h.clock.advance(15 * 60_000);
    const before = h.server.requests.length;
    await h.sync();
    expect(h.server.requests.length - before).toBe(minimumUsefulRun(3));
  });

  it('under a monthly budget puts the open-set tier first without counting it against the run', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [30, 10] } });
    await h.sync();
    h.clock.advance(15 * 60_000);
    const result = await h.sync({ openSetFirst: true });
    const streams = (await h.query<{ stream: string }>('SELECT stream FROM sync_run_streams WHERE run_id = @runId ORDER BY id', { runId: result.runId })).map((r) => r.stream);
    expect(streams.slice(0, 2)).toEqual(['open_incidents', 'open_incidents']);
    expect(result.teams.flatMap((t) => t.streams.map((s) => s.stream))).not.toContain('open_incidents');
    // The incidents streams skip the open lists the first tier already read: the steady cost holds.
    expect(result.requests).toBe(minimumUsefulRun(2));
  });
});

describeEachStore('the sync_freshness view', (store) => {
  const startHarness = useHarness(store);

  // Each store's catalogue holds the view's text: SQLite's sqlite_master, PostgreSQL's pg_views.
  const DEFINITION = {
    sqlite: "SELECT sql FROM sqlite_master WHERE type = 'view' AND name = 'sync_freshness'",
    postgres: "SELECT definition FROM pg_views WHERE viewname = 'sync_freshness' AND schemaname = current_schema()",
  };

  it('names the same team streams as the registry, so a stream cannot be left out of freshness', async () => {
    const h = await startHarness();
    await h.sync();
    const sql = String(await h.value(DEFINITION[h.storeKind]));
    const values = sql.slice(sql.search(/team_streams\(stream\) AS/), sql.indexOf('oldest AS'));
    expect([...values.matchAll(/'([a-z_]+)'/g)].map((m) => m[1])).toEqual(expectedTeamStreams());
  });
});

function tierOf(name: string): number {
  return STREAMS.find((s) => s.name === name)?.tier ?? -1;
}
