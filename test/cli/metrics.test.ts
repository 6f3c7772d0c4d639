import { describe, expect, it } from 'vitest';
import { spawnCli, stopWith, waitFor, type Spawned } from '../helpers/cli-process.js';
import { API_KEY, useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { freePort, get, listeningPorts, parsePrometheusText, valueOf, type Fetched } from './metrics-kit.js';

// `spike-sync start` as users run it, with its metrics and health server, against the simulated API and a real store.

const ORG = { seed: 31, teams: 3, incidentsPerTeam: [30, 20, 10] };
const runsFinished = (worker: Spawned) => (worker.stderr().match(/"msg":"run finished"/g) ?? []).length;
const teamIds = (harness: Harness) => harness.server.org.teams.map((t) => String(t['_id']));

/** A careless API: the failing team's incident listing answers 500 with the key quoted in its body. */
function failTeam(harness: Harness, teamId: string): void {
  harness.server.faults.push({ path: '/incidents', teamId, fault: { kind: 'echo-key', status: 500 } });
}

async function startWorker(harness: Harness, extra: Record<string, string> = {}): Promise<{ worker: Spawned; base: string }> {
  const port = await freePort();
  const worker = spawnCli(['start'], {
    ...harness.env,
    LOG_LEVEL: 'info',
    SPIKE_HTTP_PORT: String(port),
    SPIKE_HTTP_RETRIES: '0',
    // Every second (six fields); a team is stale 3 s after its last complete sync.
    SPIKE_SYNC_CRON: '* * * * * *',
    SPIKE_STALE_AFTER: '3s',
    ...extra,
  });
  await waitFor(() => /"msg":"metrics on \/metrics/.test(worker.stderr()) || worker.child.exitCode !== null, 20_000);
  expect(worker.stderr()).toMatch(new RegExp(`"port":${port}`));
  return { worker, base: `http://127.0.0.1:${port}` };
}

describeEachStore('start: metrics and health', (store) => {
  const harness = useHarness(store);

  it('counts a run with a failing team, and /readyz follows that team from stale to synced and back', async () => {
    const h = await harness({ org: ORG });
    const [teamA, , teamC] = teamIds(h);
    failTeam(h, teamC!);
    const { worker, base } = await startWorker(h);
    const seen: Fetched[] = [];
    const fetchAll = async (path: string) => {
      const reply = await get(base, path);
      seen.push(reply);
      return reply;
    };
    await waitFor(() => runsFinished(worker) >= 1, 20_000);

    // The failing team never synced: not ready, naming it and, once a run has completed the others, nothing else.
    let ready: Fetched | undefined;
    await waitFor(async () => (ready = await fetchAll('/readyz')).status === 503 && JSON.parse(ready.body).stale.length === 1, 10_000, 100);
    const notReady = JSON.parse(ready!.body);
    expect(ready!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(notReady).toMatchObject({ status: 'not ready', store: 'reachable', stale_after_seconds: 3 });
    expect(notReady.stale).toEqual([{ team: teamC, last_success_at: null, streams: expect.arrayContaining(['incidents']) }]);

    const metrics = await fetchAll('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(metrics.body);
    expect(valueOf(samples, 'spike_sync_runs_total', { status: 'partial' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'spike_sync_runs_total', { status: 'failed' })).toBe(0);
    expect(valueOf(samples, 'spike_sync_run_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'spike_sync_requests_total', { stream: 'incidents', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(samples, 'spike_sync_requests_total', { stream: 'incidents', outcome: 'failed' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'spike_sync_rows_written_total', { table: 'incidents', op: 'inserted' })).toBeGreaterThanOrEqual(50);
    expect(valueOf(samples, 'spike_sync_rows_written_total', { table: 'teams', op: 'inserted' })).toBe(3);
    expect(valueOf(samples, 'spike_sync_items_skipped_total', { stream: 'incidents' })).toBe(0);
    expect(valueOf(samples, 'spike_sync_up')).toBe(1);
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'spike_sync_budget_remaining_requests')).toBeUndefined();
    const lastA = valueOf(samples, 'spike_sync_last_success_timestamp_seconds', { team: teamA!, stream: 'incidents' });
    expect(Math.abs(lastA! - Date.now() / 1000)).toBeLessThan(60);
    expect(valueOf(samples, 'spike_sync_last_success_timestamp_seconds', { team: 'organisation', stream: 'teams' })).toBeGreaterThan(0);
    expect(valueOf(samples, 'spike_sync_last_success_timestamp_seconds', { team: teamC!, stream: 'incidents' })).toBeUndefined();
    // Labels are ours: team ids of the id shape, registry names, fixed outcomes.
    for (const s of samples.filter((x) => x.name.startsWith('spike_sync_'))) {
      if (s.labels.team !== undefined) expect(s.labels.team).toMatch(/^([0-9a-f]{24}|organisation)$/);
      for (const value of Object.values(s.labels)) expect(value).toMatch(/^[a-z0-9_.+]+$|^\+Inf$/i);
    }

    // The API mends: the team syncs and the worker is ready again.
    h.server.faults.splice(0);
    await waitFor(async () => (await fetchAll('/readyz')).status === 200, 15_000, 100);
    expect(JSON.parse(seen.at(-1)!.body)).toMatchObject({ status: 'ready', store: 'reachable', stale: [] });

    // It fails again: once its last success is older than SPIKE_STALE_AFTER it is named stale, with that success.
    failTeam(h, teamC!);
    await waitFor(async () => (ready = await fetchAll('/readyz')).status === 503, 20_000, 200);
    const staleAgain = JSON.parse(ready!.body).stale;
    expect(staleAgain).toEqual([{ team: teamC, last_success_at: expect.stringMatching(/^\d{4}-/), streams: expect.arrayContaining(['incidents']) }]);

    const health = await fetchAll('/healthz');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({ status: 'alive' });
    expect((await stopWith(worker, 'SIGTERM')).code).toBe(0);
    // The quoted key went into error bodies the worker read; none of it comes out here.
    for (const reply of seen) {
      expect(reply.body).not.toContain(API_KEY);
      expect([...reply.headers.values()].join('\n')).not.toContain(API_KEY);
    }
  }, 90_000);
});

describe('start: the metrics server itself', () => {
  const harness = useHarness();

  it('answers GET and HEAD on its three paths only, never reads a body, and says why otherwise', async () => {
    const h = await harness({ org: ORG });
    const { worker, base } = await startWorker(h);
    await waitFor(() => runsFinished(worker) >= 1, 20_000);
    expect(listeningPorts(worker.child.pid!)).toEqual([Number(new URL(base).port)]);

    const head = await get(base, '/metrics', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect((await get(base, '/healthz', 'HEAD')).status).toBe(200);
    expect((await get(base, '/metrics?debug=1')).status).toBe(200);

    for (const path of ['/', '/metrics/', '/health', '/readyz/x', '/%2e%2e/etc/passwd']) {
      const reply = await get(base, path);
      expect({ path, status: reply.status, body: reply.body }).toEqual({ path, status: 404, body: 'not found\n' });
    }
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const reply = await get(base, '/metrics', method, method === 'POST' || method === 'PUT' ? 'x'.repeat(100_000) : undefined);
      expect({ method, status: reply.status, allow: reply.headers.get('allow') }).toEqual({ method, status: 405, allow: 'GET, HEAD' });
    }
    // Still serving after all that.
    expect((await get(base, '/healthz')).status).toBe(200);
    expect((await stopWith(worker, 'SIGTERM')).code).toBe(0);
  }, 60_000);

  it('under a monthly budget, shows what is left of it: the budget less what this month spent', async () => {
    const h = await harness({ org: ORG });
    const { worker, base } = await startWorker(h, { SPIKE_MONTHLY_REQUEST_BUDGET: '1000000' });
    await waitFor(() => runsFinished(worker) >= 1, 20_000);
    // The gauge is read from the ledger after each run; the request counters come from the streams as each ends.
    const spent = (samples: ReturnType<typeof parsePrometheusText>) =>
      samples.filter((s) => s.name === 'spike_sync_requests_total').reduce((n, s) => n + s.value, 0);
    let samples = parsePrometheusText((await get(base, '/metrics')).body);
    await waitFor(async () => {
      samples = parsePrometheusText((await get(base, '/metrics')).body);
      return valueOf(samples, 'spike_sync_budget_remaining_requests') === 1_000_000 - spent(samples);
    }, 15_000, 50);
    expect(spent(samples)).toBeGreaterThan(0);
    expect((await stopWith(worker, 'SIGTERM')).code).toBe(0);
  }, 30_000);

  it('SPIKE_HTTP_PORT=0 opens no port at all', async () => {
    const h = await harness({ org: ORG });
    const worker = spawnCli(['start'], { ...h.env, LOG_LEVEL: 'info', SPIKE_HTTP_PORT: '0', SPIKE_SYNC_CRON: '* * * * * *' });
    await waitFor(() => runsFinished(worker) >= 1, 20_000);
    expect(listeningPorts(worker.child.pid!)).toEqual([]);
    expect(worker.stderr()).not.toMatch(/metrics on/);
    expect((await stopWith(worker, 'SIGTERM')).code).toBe(0);
  }, 30_000);
});
