import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { spawnCli, waitFor } from '../helpers/cli-process.js';
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
    worker.child.kill('SIGTERM');
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(worker.stdout()).toBe('');
    expect(worker.stderr()).toMatch(/"msg":"stopped"/);

    const db = new Database(dbPath, { readonly: true });
    const runs = db.prepare('SELECT trigger, status FROM sync_runs ORDER BY id').all() as { trigger: string; status: string }[];
    db.close();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.trigger === 'cron' && ['ok', 'interrupted'].includes(r.status))).toBe(true);
    expect(runs[0]!.status).toBe('ok');
  }, 30_000);
});
