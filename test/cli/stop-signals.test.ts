import { describe, expect, it } from 'vitest';
import { finishWithin, spawnCli, stopWith, waitFor, type Spawned } from '../helpers/cli-process.js';
import { useMisbehavingServers } from '../helpers/cli-run.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { drip } from '../helpers/misbehaving-server.js';
import { SMALL_ORG, allRuns, stateOf, teamIdsOf } from '../faults/fault-kit.js';

const startHarness = useHarness();
const startFront = useMisbehavingServers();

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
/** The promise of the issue: out within 5 s in every state. */
const EXIT_WITHIN_MS = 5000;

/**
 * With SPIKE_MAX_RPS=0.05 the team listing goes at once and the next request waits 20 s for its slot.
 * The CLI has logged the listing's answer (LOG_LEVEL=debug): from then on, until that slot, it only reads
 * and stores the listing and waits in the rate limiter; no second request can leave.
 */
const rateLimited = { SPIKE_MAX_RPS: '0.05', LOG_LEVEL: 'debug' };
function waitingForSlot(run: Spawned): () => boolean {
  return () => run.stderr().split('\n').some((line) => line.includes('"msg":"spike request"') && line.includes('"path":"/teams/get-all-teams"'));
}

/** The ledger after a stop: the run interrupted, nothing left running, the lock released. */
async function expectInterruptedAndUnlocked(h: Harness): Promise<void> {
  expect((await allRuns(h)).map((r) => r.status)).toEqual(['interrupted']);
  expect(await h.count('sync_run_streams', "status = 'running'")).toBe(0);
  expect(await h.count('sync_lock')).toBe(0);
}

/** A one-byte-per-second body on page 2 of the first team's incidents, once. */
async function dripOnSecondPage(h: Harness) {
  const [a = ''] = teamIdsOf(h);
  const front = await startFront(h.server.url);
  front.rules.push({ path: '/incidents', teamId: a, page: 2, times: 1, act: drip() });
  const env = { ...h.env, SPIKE_API_URL: front.url, SPIKE_PAGE_CONCURRENCY: '1', SPIKE_HTTP_TIMEOUT: '60s', LOG_LEVEL: 'warn' };
  return { a, front, env, dripping: () => front.stats.bytesSent >= 2 };
}

describe('spike-sync sync on a stop signal', () => {
  it.each(SIGNALS)('%s while a body drips: exits 0 within 5 s, run interrupted, page 1 kept, nothing of page 2, lock released', async (signal) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const { a, env, dripping } = await dripOnSecondPage(harness);
    const run = spawnCli(['sync'], env);
    await waitFor(dripping, 20_000);

    const exit = await stopWith(run, signal);

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.tookMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(exit.stderr).toMatch(/run interrupted/);
    await expectInterruptedAndUnlocked(harness);
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(100);
    expect(await stateOf(harness, a, 'incidents')).toMatchObject({ resume_page: 2 });

    const next = await finishWithin(spawnCli(['sync'], env), 30_000);
    expect(next.code).toBe(0);
    expect((await allRuns(harness)).map((r) => r.status)).toEqual(['interrupted', 'ok']);
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(130);
  }, 60_000);

  it.each(SIGNALS)('%s while the client-side rate limiter waits (SPIKE_MAX_RPS=0.05): exits 0 within 5 s, nothing more sent', async (signal) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const run = spawnCli(['sync'], { ...harness.env, ...rateLimited });
    await waitFor(waitingForSlot(run), 20_000);

    const exit = await stopWith(run, signal);

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.tookMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(harness.server.requests.map((r) => r.path)).toEqual(['/teams/get-all-teams']);
    await expectInterruptedAndUnlocked(harness);
    expect(await harness.count('users')).toBe(0);
    expect(await harness.count('incidents')).toBe(0);

    const next = await finishWithin(spawnCli(['sync'], harness.env), 30_000);
    expect(next.code).toBe(0);
  }, 60_000);

  it('SIGTERM during the backoff between retries of a 503: exits 0 within 5 s, run interrupted, no further attempt', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    harness.server.faults.push({ path: '/teams/get-all-teams', fault: { kind: 'status', status: 503 } });
    const run = spawnCli(['sync'], { ...harness.env, SPIKE_HTTP_RETRIES: '10', LOG_LEVEL: 'warn' });
    // The client logs each failed attempt just before its backoff; the one after the 5th lasts 8 to 15 s.
    const retrying = () => run.stderr().match(/spike request failed, retrying/g)?.length ?? 0;
    await waitFor(() => retrying() >= 5, 40_000);

    const exit = await stopWith(run, 'SIGTERM');

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.tookMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(exit.stderr).toMatch(/run interrupted/);
    expect(harness.server.requests.map((r) => r.path)).toEqual(Array(5).fill('/teams/get-all-teams'));
    await expectInterruptedAndUnlocked(harness);
  }, 90_000);
});

describe('spike-sync start on a stop signal', () => {
  const everySecond = { SPIKE_SYNC_CRON: '* * * * * *' };

  it('SIGHUP while a body drips: exits 0 within 5 s, run interrupted, lock released', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const { a, env, dripping } = await dripOnSecondPage(harness);
    const worker = spawnCli(['start'], { ...env, ...everySecond });
    await waitFor(dripping, 20_000);

    const exit = await stopWith(worker, 'SIGHUP');

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.tookMs).toBeLessThan(EXIT_WITHIN_MS);
    await expectInterruptedAndUnlocked(harness);
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(100);
  }, 60_000);

  it('SIGHUP while the rate limiter waits: exits 0 within 5 s, run interrupted, lock released', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const worker = spawnCli(['start'], { ...harness.env, ...everySecond, ...rateLimited });
    await waitFor(waitingForSlot(worker), 20_000);

    const exit = await stopWith(worker, 'SIGHUP');

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.tookMs).toBeLessThan(EXIT_WITHIN_MS);
    expect(harness.server.requests).toHaveLength(1);
    await expectInterruptedAndUnlocked(harness);
  }, 60_000);
});
