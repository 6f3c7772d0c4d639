import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { finishWithin, spawnCli, stopWith, waitFor } from '../helpers/cli-process.js';
import { API_KEY } from '../helpers/harness.js';
import type { StoreUnderTest } from '../helpers/store-under-test.js';
import { describeEachStore } from '../helpers/stores.js';
import { useCliStores } from '../helpers/cli-stores.js';

const newStore = useCliStores();
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


const TABLES: Record<string, string> = {
  teams: 'id, name, uid, description, is_default, is_private, created_at, updated_at, raw, deleted_at',
  users: 'id, name, email, role, removed, raw, deleted_at',
  team_members: 'id, team_id, user_id, raw, deleted_at',
  incidents: 'id, team_id, counter_id, title, status, priority, severity, triggered_at, acknowledged_at, resolved_at, raw, deleted_at',
  oncall_schedules: 'id, team_id, name, user_ids, layer_count, raw, deleted_at',
};

/** Reads the store the CLI left through the store port, closed right away. */
async function query<Row extends object = Record<string, unknown>>(target: StoreUnderTest, sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const store = await target.open('read');
  try {
    return await store.reader.all<Row>(sql, params);
  } finally {
    await store.close();
  }
}

async function value(path: StoreUnderTest, sql: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const [row] = await query(path, sql, params);
  return row === undefined ? undefined : Object.values(row)[0];
}

/** Everything synced, minus the bookkeeping times that differ between any two runs. */
async function contents(path: StoreUnderTest): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const [table, cols] of Object.entries(TABLES)) tables[table] = await query(path, `SELECT ${cols} FROM ${table} ORDER BY id`);
  return tables;
}

function envFor(store: StoreUnderTest): Record<string, string> {
  return { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: server!.url, ...store.env, LOG_LEVEL: 'info', SPIKE_HTTP_RETRIES: '1', SPIKE_MAX_RPS: '0' };
}

function incidentPagesServed(): number {
  return server!.requests.filter((r) => r.path === '/incidents').length;
}

describeEachStore('crash safety of the sync command', (kind) => {
  it('ends equal to one clean sync after several SIGKILLs at random moments', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 11, teams: 3, incidentsPerTeam: [900, 700, 400] }), apiKey: API_KEY, latencyMs: 8 });
    const crashed = newStore(kind, 'crashed');
    const kills = 5;
    for (let i = 0; i < kills; i++) {
      const pagesBefore = incidentPagesServed();
      const run = spawnCli(['sync'], envFor(crashed));
      // Kill once a random number (1-4) of incident pages has been served in this attempt.
      const target = pagesBefore + 1 + Math.floor(Math.random() * 4);
      await waitFor(() => incidentPagesServed() >= target || run.child.exitCode !== null, 20_000);
      const exit = await stopWith(run, 'SIGKILL', 10_000);
      expect(exit.signal === 'SIGKILL' || exit.code === 0).toBe(true);
    }
    expect((await finishWithin(spawnCli(['sync'], envFor(crashed)), 30_000)).code).toBe(0);

    const clean = newStore(kind, 'clean');
    expect((await finishWithin(spawnCli(['sync'], envFor(clean)), 30_000)).code).toBe(0);

    expect(await contents(crashed)).toEqual(await contents(clean));
    if (kind === 'sqlite') {
      // SQLite only: the file's own integrity check.
      const db = new Database(crashed.location, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
    expect(await value(crashed, 'SELECT COUNT(*) AS n FROM incidents')).toBe(2000);
    const checkpoints = await query<{ team_id: string; watermark: string; resume_page: number | null }>(crashed, "SELECT team_id, watermark, resume_page FROM sync_state WHERE stream = 'incidents' ORDER BY team_id");
    expect(checkpoints).toHaveLength(3);
    for (const cp of checkpoints) {
      expect(cp.resume_page).toBeNull();
      expect(cp.watermark).toBe(await value(crashed, 'SELECT MAX(triggered_at) AS newest FROM incidents WHERE team_id = @team', { team: cp.team_id }));
    }
    const statuses = (await query<{ status: string }>(crashed, 'SELECT status FROM sync_runs ORDER BY id')).map((r) => r.status);
    expect(statuses.at(-1)).toBe('ok');
    expect(statuses.filter((s) => s === 'running')).toEqual([]);
    // SQLite's run lock is released; PostgreSQL has none.
    if (kind === 'sqlite') expect(await value(crashed, 'SELECT COUNT(*) AS n FROM sync_lock')).toBe(0);
  }, 60_000);

  it('on SIGTERM commits the current page, records the run as interrupted, exits 0, and the next run resumes', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 12, teams: 1, incidentsPerTeam: [1500] }), apiKey: API_KEY, latencyMs: 30 });
    const dbPath = newStore(kind, 'store');
    const run = spawnCli(['sync'], envFor(dbPath));
    await waitFor(() => incidentPagesServed() >= 3, 20_000);
    const exit = await stopWith(run, 'SIGTERM');
    expect(exit.code).toBe(0);
    // The product's promise: out within 5 s of the signal.
    expect(exit.tookMs).toBeLessThan(5000);
    expect(exit.stderr).toMatch(/interrupted/);

    expect((await query<{ status: string }>(dbPath, 'SELECT status FROM sync_runs')).map((r) => r.status)).toEqual(['interrupted']);
    const resume = Number(await value(dbPath, "SELECT resume_page FROM sync_state WHERE stream = 'incidents'"));
    expect(resume).toBeGreaterThan(1);
    expect(await value(dbPath, 'SELECT COUNT(*) AS n FROM incidents')).toBe((resume - 1) * 100);

    const from = server.requests.length;
    expect((await finishWithin(spawnCli(['sync'], envFor(dbPath)), 30_000)).code).toBe(0);
    const pages = server.requests.slice(from).filter((r) => r.path === '/incidents').map((r) => Number(r.query.page));
    expect(pages[0]).toBe(resume);
    expect(await value(dbPath, 'SELECT COUNT(*) AS n FROM incidents')).toBe(1500);
  }, 60_000);

  it('a stream cut short by SIGKILL keeps its ledger row: running, then interrupted by the next run', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 13, teams: 1, incidentsPerTeam: [1500] }), apiKey: API_KEY, latencyMs: 30 });
    const dbPath = newStore(kind, 'store');
    const run = spawnCli(['sync'], envFor(dbPath));
    await waitFor(() => incidentPagesServed() >= 2, 20_000);
    expect((await stopWith(run, 'SIGKILL', 10_000)).signal).toBe('SIGKILL');
    const incidentsRows = () => query(dbPath, "SELECT run_id, status, error FROM sync_run_streams WHERE stream = 'incidents' ORDER BY id");
    expect(await incidentsRows()).toEqual([{ run_id: 1, status: 'running', error: null }]);

    expect((await finishWithin(spawnCli(['sync'], envFor(dbPath)), 30_000)).code).toBe(0);
    expect(await incidentsRows()).toEqual([
      { run_id: 1, status: 'interrupted', error: 'the process stopped before the stream finished' },
      { run_id: 2, status: 'ok', error: null },
    ]);
  }, 60_000);
});
