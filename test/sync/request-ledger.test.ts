import { expect, it } from 'vitest';
import { createSyncMetrics } from '../../src/cli/monitoring/sync-metrics.js';
import type { StreamRecord } from '../../src/db/index.js';
import { InterruptedError } from '../../src/jobs/errors.js';
import { parsePrometheusText } from '../cli/metrics-kit.js';
import { describeEachStore } from '../helpers/stores.js';
import { useHarness } from '../helpers/harness.js';

describeEachStore('the request ledger while a run goes on', (kind) => {
  const harness = useHarness(kind);

  it('a stream waiting to retry has already recorded the attempts it made, so a kill during the wait loses none', async () => {
    const h = await harness({ org: { teams: 1, incidentsPerTeam: [250] } });
    h.server.faults.push({ path: '/incidents', times: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    const seenDuringWaits: { requests: number; status: string }[] = [];
    // Called for each Retry-After wait: what the ledger holds then is what a kill at that moment would leave.
    const sleep = async () => {
      const row = await h.one<{ requests: number; status: string }>("SELECT requests, status FROM sync_run_streams WHERE stream = 'incidents'");
      seenDuringWaits.push({ requests: Number(row?.requests), status: String(row?.status) });
    };
    const result = await h.sync({}, { client: { sleep, retry: { retries: 3 } } });
    expect(result.status).toBe('ok');
    expect(seenDuringWaits).toEqual([
      { requests: 1, status: 'running' },
      { requests: 2, status: 'running' },
    ]);
    expect(result.requests).toBe(h.server.requests.length);
    // Three pages, the first asked three times, and the two open lists.
    expect(await h.value("SELECT requests FROM sync_run_streams WHERE stream = 'incidents'")).toBe(7);
  });

  it('every page a stream commits carries its count so far, in the same commit', async () => {
    const h = await harness({ org: { teams: 1, incidentsPerTeam: [450] } });
    const seen: { pages: number; requests: number }[] = [];
    const store = await h.openStore();
    try {
      // Between pages: the checkpoint and the count were committed together.
      const result = await h.sync({}, {
        store: {
          ...store,
          writePage: async (table, rows, now, progress) => {
            const out = await store.writePage(table, rows, now, progress);
            const row = await store.reader.all<{ requests: number; resume_page: number | null }>(
              "SELECT r.requests, s.resume_page FROM sync_run_streams r LEFT JOIN sync_state s ON s.team_id = r.team_id AND s.stream = r.stream WHERE r.stream = 'incidents' AND r.status = 'running'",
            );
            if (row[0]?.resume_page != null) seen.push({ pages: row[0].resume_page - 1, requests: Number(row[0].requests) });
            return out;
          },
        },
      });
      expect(result.status).toBe('ok');
    } finally {
      await store.close();
    }
    // Page concurrency 1: one request per committed page. The open lists go out once the last page is in, while it is
    // stored: its count holds those of them already answered.
    expect(seen.slice(0, 4)).toEqual([1, 2, 3, 4].map((pages) => ({ pages, requests: pages })));
    expect(seen[4]?.pages).toBe(5);
    expect([5, 6, 7]).toContain(seen[4]?.requests);
    expect(seen).toHaveLength(5);
  });

  it('a run its process never finished is closed by the next with the requests its streams recorded, never lowered', async () => {
    const h = await harness({ org: { teams: 1, incidentsPerTeam: [20] } });
    const now = h.clock.now().toISOString();
    const store = await h.openStore();
    try {
      // What a process killed mid-run leaves: a running run, its streams' counts as of their last commits.
      const runId = await store.ledger.startRun({ trigger: 'cli', full: false, now, pid: 2 ** 22 + 1 });
      const teams = await store.ledger.beginStream(runId, { teamId: '*', stream: 'teams', startedAt: now });
      const users = await store.ledger.beginStream(runId, { teamId: '*', stream: 'users', startedAt: now });
      await store.saveStreamRequests(teams, 3);
      await store.transaction((tx) => tx.saveStreamRequests(users, 5));
      // A count read before the last commit and written after it does not lower it.
      await store.saveStreamRequests(users, 4);
    } finally {
      await store.close();
    }
    const result = await h.sync();
    const runs = await h.query<{ id: number; status: string; requests: number }>('SELECT id, status, requests FROM sync_runs ORDER BY id');
    expect(runs.map((r) => [Number(r.id), r.status, Number(r.requests)])).toEqual([
      [1, 'interrupted', 8],
      [result.runId, 'ok', h.server.requests.length],
    ]);
    expect(await h.count('sync_run_streams', "status = 'running'")).toBe(0);
  });

  it('a run stopped part way still counts its streams in the metrics, the stream it stopped included, as the ledger does', async () => {
    const h = await harness({ org: { teams: 2, incidentsPerTeam: [250, 100] } });
    const metrics = createSyncMetrics({ monthlyBudget: false });
    const stop = new AbortController();
    const recorded: string[] = [];
    const onStreamRecorded = (record: StreamRecord) => {
      metrics.recordStream(record);
      recorded.push(`${record.stream}:${record.status}`);
      // The stop arrives as the first team's members are recorded: the rest of the run is cut short.
      if (record.stream === 'team_members') stop.abort();
    };
    await expect(h.sync({}, { signal: stop.signal, onStreamRecorded })).rejects.toThrow(InterruptedError);
    expect(recorded).toContain('team_members:ok');
    expect(recorded.some((r) => r.endsWith(':interrupted'))).toBe(true);
    const body = (await metrics.render()).body;
    const counted = parsePrometheusText(body).filter((s) => s.name === 'spike_sync_requests_total').reduce((n, s) => n + s.value, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBe(Number(await h.value('SELECT SUM(requests) AS n FROM sync_run_streams')));
    expect(counted).toBe(h.server.requests.length);
  });
});
