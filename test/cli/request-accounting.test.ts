import { afterEach, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { createRng } from '../../src/demo/rng.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { finishWithin, spawnCli, stopWith, waitFor } from '../helpers/cli-process.js';
import { API_KEY } from '../helpers/harness.js';
import type { StoreUnderTest } from '../helpers/store-under-test.js';
import { describeEachStore } from '../helpers/stores.js';
import { useCliStores } from '../helpers/cli-stores.js';

const PAGE_CONCURRENCY = 4;
/**
 * What a kill may leave uncounted: the requests in flight at that moment, whose page was not committed. At most the
 * incident pages (or activity logs) in hand at once, and a team's members and schedules requested beside them.
 */
const IN_FLIGHT_BOUND = PAGE_CONCURRENCY + 2;

const newStore = useCliStores();
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


function envFor(store: StoreUnderTest): Record<string, string> {
  return {
    SPIKE_API_KEY: API_KEY,
    SPIKE_API_URL: server!.url,
    ...store.env,
    LOG_LEVEL: 'warn',
    SPIKE_HTTP_RETRIES: '2',
    SPIKE_MAX_RPS: '0',
    SPIKE_PAGE_CONCURRENCY: String(PAGE_CONCURRENCY),
  };
}

/** Requests the simulated API has read so far, once no connection is left open: none is still on its way. */
async function requestsServed(): Promise<number> {
  await waitFor(async () => (await server!.connections()) === 0, 10_000);
  return server!.requests.length;
}

interface LedgerRun {
  id: number;
  status: string;
  requests: number;
  streams: number;
}

/** Every run, with its own total and the sum of what its streams recorded. */
async function ledgerRuns(target: StoreUnderTest): Promise<{ runs: LedgerRun[]; countedSince: number }> {
  const store = await target.open('read');
  try {
    const runs = await store.reader.all<LedgerRun>(
      `SELECT r.id, r.status, r.requests, (SELECT COALESCE(SUM(s.requests), 0) FROM sync_run_streams s WHERE s.run_id = r.id) AS streams
         FROM sync_runs r ORDER BY r.id`,
    );
    const countedSince = await store.ledger.countRequestsSince('2000-01-01T00:00:00.000Z');
    return { runs: runs.map((r) => ({ id: Number(r.id), status: r.status, requests: Number(r.requests), streams: Number(r.streams) })), countedSince };
  } finally {
    await store.close();
  }
}

it('after SIGKILLs at random moments of a backfill, the ledger counts every request but those in flight at each kill', async () => {
  server = await startSimServer({ org: generateOrg({ seed: 21, teams: 2, incidentsPerTeam: [1500, 1000] }), apiKey: API_KEY, latencyMs: 5 });
  const target = newStore('sqlite');
  // Seeded, so a failure can be replayed: each kill comes once this many requests of its attempt were served.
  const rng = createRng(1313);
  const attempts: { served: number; killed: boolean }[] = [];
  for (let i = 0; i < 7; i++) {
    const from = await requestsServed();
    const run = spawnCli(['sync'], envFor(target));
    const after = rng.int(1, 50);
    await waitFor(() => server!.requests.length >= from + after || run.child.exitCode !== null, 30_000);
    const exit = await stopWith(run, 'SIGKILL', 10_000);
    attempts.push({ served: (await requestsServed()) - from, killed: exit.signal === 'SIGKILL' });
  }
  const from = await requestsServed();
  expect((await finishWithin(spawnCli(['sync'], envFor(target)), 60_000)).code).toBe(0);
  attempts.push({ served: (await requestsServed()) - from, killed: false });
  expect(attempts.filter((a) => a.killed).length).toBeGreaterThanOrEqual(4);

  const { runs, countedSince } = await ledgerRuns(target);
  expect(runs.map((r) => r.status)).toEqual(attempts.map((a) => (a.killed ? 'interrupted' : 'ok')));
  for (const [i, run] of runs.entries()) {
    const attempt = attempts[i]!;
    // The next run gave each killed run the total of its streams.
    expect(run.requests).toBe(run.streams);
    if (!attempt.killed) expect(run.streams).toBe(attempt.served);
    else {
      expect(run.streams).toBeLessThanOrEqual(attempt.served);
      expect(attempt.served - run.streams).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
    }
  }
  // What a monthly budget sees: the ledger's sum, below what was sent by at most the requests in flight at each kill.
  const sent = attempts.reduce((n, a) => n + a.served, 0);
  expect(countedSince).toBe(runs.reduce((n, r) => n + r.streams, 0));
  expect(countedSince).toBeLessThanOrEqual(sent);
  expect(sent - countedSince).toBeLessThanOrEqual(IN_FLIGHT_BOUND * attempts.filter((a) => a.killed).length);
}, 120_000);

describeEachStore('request accounting of an uninterrupted run', (kind) => {
  it('counts exactly the requests the API received, retries included, per run and in the sum of its streams', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 22, teams: 2, incidentsPerTeam: [450, 120] }), apiKey: API_KEY, latencyMs: 2 });
    // Failures that are retried: a page, a snapshot and an activity log each answer 500 before they succeed.
    server.faults.push(
      { path: '/incidents', times: 2, fault: { kind: 'status', status: 500 } },
      { path: '/on-calls', times: 1, fault: { kind: 'status', status: 503 } },
      { path: /\/activity-log$/, times: 1, fault: { kind: 'reset' } },
    );
    const target = newStore(kind);
    const served: number[] = [];
    // A backfill, then a run that reads only what changed.
    for (const _ of [1, 2]) {
      const from = await requestsServed();
      expect((await finishWithin(spawnCli(['sync'], envFor(target)), 60_000)).code).toBe(0);
      served.push((await requestsServed()) - from);
    }
    expect(server.requests.filter((r) => r.status >= 500 || r.status === 0)).toHaveLength(4);
    const { runs, countedSince } = await ledgerRuns(target);
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(runs.map((r) => r.requests)).toEqual(served);
    expect(runs.map((r) => r.streams)).toEqual(served);
    expect(countedSince).toBe(server.requests.length);
  }, 90_000);
});
