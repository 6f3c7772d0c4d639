import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runSync } from '../../src/jobs/run-sync.js';
import { reportedTeamStreams } from '../../src/jobs/streams.js';
import { silentLogger } from '../../src/lib/logger.js';
import { SpikeClientError, SpikeRequestError, createSpikeClient } from '../../src/spike/index.js';
import { finishWithin, spawnCli, spawnNode } from '../helpers/cli-process.js';
import { API_KEY, defaultSettings, useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { allRuns, streamRows, teamIdsOf } from './fault-kit.js';

/** The promise's value or error, or 'still pending' once `ms` have passed. */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise.then((value) => value, (err: unknown) => err), new Promise((resolve) => setTimeout(() => resolve('still pending'), ms))]);
}

describeEachStore('a request that cannot be sent', (store) => {
  const startHarness = useHarness(store);

  it('stops the CLI at start when SPIKE_API_KEY has a line break or a non-ASCII character, without quoting it', async () => {
    const harness = await startHarness();
    for (const key of [`${API_KEY}\nsecond-line`, `${API_KEY}\u2603`, `${API_KEY.slice(0, 5)}\u00e9${API_KEY.slice(5)}`]) {
      const run = spawnCli(['sync'], { ...harness.env, SPIKE_API_KEY: key });
      const { code } = await finishWithin(run, 20_000);
      expect(code).toBe(1);
      expect(run.stderr()).toMatch(/^spike-sync: configuration error: SPIKE_API_KEY: must [^\n]+\n$/);
      expect(run.stderr()).not.toContain(API_KEY);
      expect(run.stdout()).toBe('');
    }
    expect(harness.server.requests).toHaveLength(0);
  });

  it('is refused before undici sees it, is not retried, and never wedges the client', async () => {
    const harness = await startHarness();
    const client = createSpikeClient({ baseUrl: harness.server.url, apiKey: API_KEY, timeoutMs: 5000, logger: silentLogger(), retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
    try {
      // undici 7 used to keep a pool connection for every request it refused: the ninth waited forever.
      for (let i = 0; i < 12; i++) {
        const outcome = await settledWithin(client.get('/users', { teamId: `team\n${i}` }), 3000);
        expect(outcome).toBeInstanceOf(SpikeRequestError);
        expect(String((outcome as Error).message)).toMatch(/cannot be sent: the x-team-id header is empty or has characters HTTP does not allow/);
      }
      expect(client.requestCount).toBe(0);
      expect(await settledWithin(client.get('/teams/get-all-teams'), 3000)).toHaveProperty('teams');
    } finally {
      await client.close();
    }
    expect(harness.server.requests).toHaveLength(1);
  });

  it('fails only the team whose id from the API cannot be sent as a header', async () => {
    const harness = await startHarness({ org: { teams: 4, incidentsPerTeam: [5, 5, 5, 5] } });
    const [bad, ...good] = teamIdsOf(harness);
    const team = harness.server.org.teams.find((t) => t._id === bad)!;
    team._id = `${bad}\r\nx-evil: 1`;

    const result = await settledWithin(harness.sync(), 20_000);

    expect(result).toMatchObject({ status: 'partial' });
    const rows = await streamRows(harness, 1);
    const badRows = rows.filter((r) => String(r.team_id).startsWith(bad!));
    // A first run: every team stream is due. Those that start from what the store holds send nothing for this team:
    // the on-call streams (it has no stored schedule) and the activity logs (none of its incidents is stored).
    const fromStore = ['oncall_shifts', 'oncall_overrides', 'incident_events'];
    const failed = badRows.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.stream)).toEqual(reportedTeamStreams().filter((s) => !fromStore.includes(s)));
    expect(failed.every((r) => /cannot be sent/.test(String(r.error)) && r.requests === 0)).toBe(true);
    expect(badRows.filter((r) => r.status !== 'failed').map((r) => [r.stream, r.status, r.requests])).toEqual(fromStore.map((s) => [s, 'ok', 0]));
    for (const id of good) expect(rows.filter((r) => r.team_id === id).every((r) => r.status === 'ok')).toBe(true);
    expect(harness.server.requests.some((r) => r.teamId?.startsWith(bad!))).toBe(false);
  });

  it('ends the run with a ledger entry and a released lock when the HTTP client fails in a way that is not the network', async () => {
    const harness = await startHarness();
    const store = await harness.openStore();
    const client = createSpikeClient({ baseUrl: harness.server.url, apiKey: API_KEY, timeoutMs: 5000, logger: silentLogger(), retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
    await client.close();
    try {
      const deps = { client, store, clock: harness.clock, logger: silentLogger(), signal: new AbortController().signal };
      const outcome = await settledWithin(runSync(deps, defaultSettings, 'cli'), 10_000);
      expect(outcome).toBeInstanceOf(SpikeClientError);
      expect((outcome as Error).message).toMatch(/^GET \/teams\/get-all-teams failed inside the HTTP client: UND_ERR_(CLOSED|DESTROYED)/);
      expect(client.requestCount).toBe(1);
      expect(await allRuns(harness)).toEqual([expect.objectContaining({ status: 'failed', error: expect.stringMatching(/failed inside the HTTP client/) })]);
      expect(await streamRows(harness, 1)).toEqual([expect.objectContaining({ stream: 'teams', status: 'failed', requests: 1 })]);
      await (await store.acquireLock('sync', { now: harness.clock.now(), staleMs: 120_000 })).release();
    } finally {
      await store.close();
    }
  });

  it('the CLI says so and exits 1 if its command can never finish, instead of vanishing with code 13', async () => {
    const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
    const script = `import { exitLoudlyIfStalled } from ${JSON.stringify(main)}; const never = new Promise(() => {}); exitLoudlyIfStalled(never, process.stderr); await never;`;
    const { code, stderr } = await finishWithin(spawnNode(['--input-type=module', '-e', script]), 20_000);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^spike-sync: internal error: the command stopped with work unfinished/);
  });

  it('an exception nothing caught becomes one escaped, scrubbed line and exit 1, not a raw trace', async () => {
    const main = fileURLToPath(new URL('../../dist/main.js', import.meta.url));
    const boom = `new Error('heartbeat failed for ' + process.env.SPIKE_API_KEY + ' \\x1b]0;pwned\\x07')`;
    const script = `import { exitLoudlyOnCrash } from ${JSON.stringify(main)}; exitLoudlyOnCrash(); setTimeout(() => { throw ${boom}; }, 1);`;
    const { code, stderr } = await finishWithin(spawnNode(['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', SPIKE_API_KEY: API_KEY } }), 20_000);
    expect(code).toBe(1);
    expect(stderr).toBe('spike-sync: internal error: heartbeat failed for [redacted] \\x1b]0;pwned\\x07; the next run records this run as interrupted\n');
  });
});
