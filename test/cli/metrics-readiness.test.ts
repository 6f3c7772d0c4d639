import { afterEach, expect, it } from 'vitest';
import { watchStore, type StoreWatch } from '../../src/cli/monitoring/store-watch.js';
import { createSyncMetrics } from '../../src/cli/monitoring/sync-metrics.js';
import type { Store } from '../../src/db/index.js';
import { STREAMS, expectedTeamStreams, reportedTeamStreams } from '../../src/jobs/streams.js';
import { silentLogger } from '../../src/lib/logger.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { parsePrometheusText, valueOf } from './metrics-kit.js';

// What /readyz answers, from the store's own records, judged against a clock the test moves.

const HOUR = 3_600_000;
const REFRESH = 15_000;
const opened: { watch: StoreWatch; store: Store }[] = [];
afterEach(async () => {
  for (const { watch, store } of opened.splice(0)) {
    await watch.stop();
    await store.close().catch(() => undefined);
  }
});

async function watch(h: Harness, teams: string[] | null = null) {
  // As in `start`: the store is created and migrated by the writing side before the watch opens it to read.
  await (await h.openStore()).close();
  const store = await h.target.open('read');
  const metrics = createSyncMetrics({ monthlyBudget: false });
  const w = watchStore({
    store,
    teams,
    freshnessStreams: expectedTeamStreams(),
    reportedStreams: [...STREAMS.filter((s) => s.scope === 'organisation').map((s) => s.name), ...reportedTeamStreams()],
    staleAfterMs: HOUR,
    refreshEveryMs: REFRESH,
    monthlyBudget: null,
    metrics,
    clock: h.clock,
    logger: silentLogger(),
  });
  opened.push({ watch: w, store });
  return { w, store, metrics };
}

describeEachStore('readiness from the store', (kind) => {
  const harness = useHarness(kind);

  it('is ready once every team synced, stale past SPIKE_STALE_AFTER, and unreachable when the store stops answering', async () => {
    const h = await harness({ org: { teams: 2, incidentsPerTeam: [15, 5] } });
    const { w, store, metrics } = await watch(h);
    expect(w.readiness()).toMatchObject({ ready: false, body: { store: 'not checked yet' } });
    await w.refresh();
    expect(w.readiness()).toMatchObject({ ready: false, body: { store: 'reachable', reason: 'no team has been synced yet' } });

    const result = await h.sync();
    expect(result.status).toBe('ok');
    await w.refresh();
    expect(w.readiness()).toEqual({ ready: true, body: { status: 'ready', store: 'reachable', stale_after_seconds: 3600, checked_at: h.clock.now().toISOString(), stale: [] } });
    const samples = parsePrometheusText((await metrics.render()).body);
    const [teamA] = h.server.org.teams.map((t) => String(t['_id']));
    expect(valueOf(samples, 'spike_sync_last_success_timestamp_seconds', { team: teamA!, stream: 'incidents' })).toBe(h.clock.now().getTime() / 1000);

    // An hour and a minute later, nothing synced since: both teams stale, each naming every stream behind.
    h.clock.advance(HOUR + 60_000);
    await w.refresh();
    const stale = w.readiness();
    expect(stale.ready).toBe(false);
    expect(stale.body.stale.map((s) => s.team).sort()).toEqual(h.server.org.teams.map((t) => String(t['_id'])).sort());
    expect(stale.body.stale[0]!.streams.sort()).toEqual(expectedTeamStreams().sort());

    // A read that has not come back for three refresh periods counts as a store that does not answer.
    await h.sync();
    await w.refresh();
    expect(w.readiness().ready).toBe(true);
    h.clock.advance(3 * REFRESH + 1);
    expect(w.readiness()).toMatchObject({ ready: false, body: { store: 'unreachable', reason: 'the store has not answered recently' } });

    // A read that fails: unreachable, and the answer does not quote the driver's error.
    await store.close();
    await w.refresh();
    expect(w.readiness()).toMatchObject({ ready: false, body: { store: 'unreachable', reason: 'the store could not be read (see the worker log)' } });
  });

  it('a team in SPIKE_TEAMS that never synced keeps it not ready, by id', async () => {
    const h = await harness({ org: { teams: 2, incidentsPerTeam: [5, 5] } });
    const missing = 'aaaaaaaaaaaaaaaaaaaaaaaa';
    const [teamA] = h.server.org.teams.map((t) => String(t['_id']));
    await h.sync();
    const { w } = await watch(h, [teamA!, missing]);
    await w.refresh();
    expect(w.readiness().body.stale).toEqual([{ team: missing, last_success_at: null, streams: expectedTeamStreams() }]);
  });
});
