import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { spawnCli, stopWith, waitFor } from '../helpers/cli-process.js';
import { API_KEY } from '../helpers/harness.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('spike-sync start', () => {
  it('syncs on its schedule and stops on SIGTERM with exit 0', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 4, teams: 2, incidentsPerTeam: [120, 30] }), apiKey: API_KEY });
    const dbPath = join(tempDir(), 'spike.db');
    const worker = spawnCli(['start'], {
      SPIKE_API_KEY: API_KEY,
      SPIKE_API_URL: server.url,
      SPIKE_DB_PATH: dbPath,
      SPIKE_MAX_RPS: '0',
      // Every second (six fields): the test need not wait for a quarter hour.
      SPIKE_SYNC_CRON: '* * * * * *',
    });
    await waitFor(() => (worker.stderr().match(/"msg":"run finished"/g) ?? []).length >= 2, 20_000);
    const exit = await stopWith(worker, 'SIGTERM');
    expect(exit.code).toBe(0);
    expect(exit.stdout).toBe('');
    expect(exit.stderr).toMatch(/"msg":"stopped"/);

    const db = new Database(dbPath, { readonly: true });
    const runs = db.prepare('SELECT trigger, status FROM sync_runs ORDER BY id').all() as { trigger: string; status: string }[];
    db.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.trigger === 'cron' && ['ok', 'interrupted'].includes(r.status))).toBe(true);
    expect(runs[0]!.status).toBe('ok');
  }, 30_000);

  it('a second start on the same store waits quietly, saying so once, and syncs once the first stops', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 5, teams: 2, incidentsPerTeam: [40, 10] }), apiKey: API_KEY });
    const dbPath = join(tempDir(), 'spike.db');
    const env = { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: server.url, SPIKE_DB_PATH: dbPath, SPIKE_MAX_RPS: '0', SPIKE_SYNC_CRON: '*/1 * * * * *' };
    const finished = (w: ReturnType<typeof spawnCli>) => (w.stderr().match(/"msg":"run finished"/g) ?? []).length;
    const first = spawnCli(['start'], env);
    await waitFor(() => finished(first) >= 1, 20_000);

    const second = spawnCli(['start'], env);
    await waitFor(() => /waiting for it to stop/.test(second.stderr()), 20_000);
    // Two more runs of the first: the second has let at least two of its own ticks pass meanwhile.
    const runsBefore = finished(first);
    await waitFor(() => finished(first) >= runsBefore + 2, 20_000);
    const waiting = second.stderr().split('\n').filter((l) => l.includes('"level":'));
    expect(waiting.filter((l) => /waiting for it to stop/.test(l))).toEqual([
      expect.stringMatching(new RegExp(`"level":40.*"msg":"another spike-sync start \\(pid ${first.child.pid} on .+\\) works on this store; waiting for it to stop"`)),
    ]);
    expect(waiting.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(finished(second)).toBe(0);

    expect((await stopWith(first, 'SIGTERM')).code).toBe(0);
    await waitFor(() => finished(second) >= 1, 20_000);
    expect((await stopWith(second, 'SIGTERM')).code).toBe(0);
    expect(second.stderr()).toMatch(/"msg":"the other worker has stopped; taking over the schedule"/);
    expect(second.stderr()).not.toMatch(/"level":(50|60)/);

    const db = new Database(dbPath, { readonly: true });
    const runs = db.prepare('SELECT pid, status, started_at, finished_at FROM sync_runs ORDER BY id').all() as { pid: number; status: string; started_at: string; finished_at: string }[];
    db.close();
    const firstRuns = runs.filter((r) => r.pid === first.child.pid);
    const secondRuns = runs.filter((r) => r.pid === second.child.pid);
    expect(firstRuns.length + secondRuns.length).toBe(runs.length);
    expect(secondRuns.length).toBeGreaterThanOrEqual(1);
    expect(secondRuns[0]!.started_at >= firstRuns.at(-1)!.finished_at).toBe(true);
  }, 60_000);
});
