import { afterEach, describe, expect, it } from 'vitest';
import { openStore, postgresStore, type Store } from '../../src/db/index.js';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { spawnCli, stopWith, waitFor, type Spawned } from '../helpers/cli-process.js';
import { API_KEY, startHarness } from '../helpers/harness.js';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName } from '../helpers/postgres.js';
import { postgresUnderTest } from '../helpers/stores.js';
import { useTempDir } from '../helpers/tmp.js';

// Several `spike-sync start` processes on one PostgreSQL store, as on several machines.

const tempDir = useTempDir();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TEAMS = 6;
const ORG = { seed: 21, teams: TEAMS, incidentsPerTeam: [260, 150, 90, 210, 40, 120] };

async function setup(latencyMs: number): Promise<{ server: SimServer; schema: string; store: Store; env: Record<string, string> }> {
  const server = await startSimServer({ org: generateOrg(ORG), apiKey: API_KEY, latencyMs });
  const schema = freshSchemaName();
  cleanups.push(async () => server.close());
  cleanups.push(() => dropSchema(schema));
  // Migrated up front, so the ledger can be read while the workers run.
  const store = await openStore(postgresStore(TEST_DATABASE_URL, 'DATABASE_URL', schema));
  cleanups.push(() => store.close());
  const env = { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: server.url, DATABASE_URL: TEST_DATABASE_URL, SPIKE_DB_SCHEMA: schema, SPIKE_MAX_RPS: '0', LOG_LEVEL: 'info' };
  return { server, schema, store, env };
}

/** A six-field cron expression that fires at these instants' seconds (every minute; tests end well within one). */
function cronAt(...instants: Date[]): string {
  return `${[...new Set(instants.map((at) => at.getUTCSeconds()))].join(',')} * * * * *`;
}

const secondsFromNow = (s: number) => new Date(Math.ceil(Date.now() / 1000) * 1000 + s * 1000);

/** Teams whose incidents stream succeeded after `since`. */
async function teamsSyncedAfter(store: Store, since: Date): Promise<number> {
  const rows = await store.reader.all<{ n: number }>(
    "SELECT COUNT(*) AS n FROM sync_state WHERE stream = 'incidents' AND team_id <> '*' AND last_success_at > @since",
    { since: since.toISOString() },
  );
  return rows[0]?.n ?? 0;
}

function firstPages(server: SimServer, from = 0): Map<string, number> {
  const seen = new Map<string, number>();
  for (const r of server.requests.slice(from)) {
    if (r.path === '/incidents' && r.query.page === '1' && r.teamId) seen.set(r.teamId, (seen.get(r.teamId) ?? 0) + 1);
  }
  return seen;
}

async function stopAll(workers: Spawned[]): Promise<void> {
  for (const worker of workers) if (worker.child.exitCode === null && worker.child.signalCode === null) await stopWith(worker, 'SIGTERM', 20_000);
}

describe.skipIf(!postgresUnderTest())('several workers on one PostgreSQL store', () => {
  it('split the teams of a tick: each team synced once, the organisation once, the ledger naming each process', async () => {
    const { server, store, env } = await setup(15);
    const tick = secondsFromNow(4);
    const workers = [1, 2, 3].map(() => spawnCli(['start'], { ...env, SPIKE_SYNC_CRON: cronAt(tick) }));
    cleanups.push(() => stopAll(workers));
    await waitFor(async () => (await teamsSyncedAfter(store, tick)) === TEAMS, 40_000, 50);
    await stopAll(workers);

    // Every team's first incident page, its members and its schedules were asked for once in the tick.
    const pages = firstPages(server);
    expect(pages.size).toBe(TEAMS);
    expect([...pages.values()].every((n) => n === 1)).toBe(true);
    for (const path of ['/users', '/on-calls']) {
      const perTeam = server.requests.filter((r) => r.path === path && r.teamId).map((r) => r.teamId);
      expect(perTeam.length).toBe(new Set(perTeam).size);
    }
    expect(server.requests.filter((r) => r.path === '/orgs/members')).toHaveLength(1);

    // In the ledger: each team's streams ran once, by a process the run names, and the work was shared.
    const streams = await store.reader.all<{ team_id: string; n: number; pids: number }>(
      `SELECT s.team_id, COUNT(*) AS n, COUNT(DISTINCT r.pid) AS pids FROM sync_run_streams s JOIN sync_runs r ON r.id = s.run_id
        WHERE s.stream = 'incidents' GROUP BY s.team_id`,
    );
    expect(streams).toHaveLength(TEAMS);
    expect(streams.every((s) => s.n === 1 && s.pids === 1)).toBe(true);
    const runs = await store.reader.all<{ pid: number; hostname: string | null; teams: number }>(
      `SELECT r.pid, r.hostname, COUNT(DISTINCT s.team_id) AS teams FROM sync_runs r
         JOIN sync_run_streams s ON s.run_id = r.id AND s.team_id <> '*' GROUP BY r.pid, r.hostname`,
    );
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.every((r) => workers.some((w) => w.child.pid === r.pid) && typeof r.hostname === 'string')).toBe(true);
    for (const worker of workers) expect(worker.stderr()).not.toMatch(/"level":(50|60)/);
  }, 60_000);

  it('a worker killed mid-team frees it: another syncs it on the next tick, and the data equals a clean sync', async () => {
    const { store, env } = await setup(40);
    const first = secondsFromNow(4);
    const second = new Date(first.getTime() + 12_000);
    const cron = cronAt(first, second);
    const workers = [1, 2, 3].map(() => spawnCli(['start'], { ...env, SPIKE_SYNC_CRON: cron }));
    cleanups.push(() => stopAll(workers));

    // Wait until one worker is inside a team's incidents, then kill it as the OOM killer would.
    let victim: Spawned | undefined;
    await waitFor(async () => {
      const busy = await store.reader.all<{ pid: number }>(
        "SELECT r.pid FROM sync_run_streams s JOIN sync_runs r ON r.id = s.run_id WHERE s.status = 'running' AND s.stream = 'incidents' AND s.team_id <> '*'",
      );
      victim = workers.find((w) => busy.some((b) => b.pid === w.child.pid));
      return victim !== undefined;
    }, 30_000, 50);
    victim!.child.kill('SIGKILL');
    await victim!.exited;

    // Generous: in a full test run the three workers share two cores with the other test files.
    await waitFor(async () => (await teamsSyncedAfter(store, second)) === TEAMS, 70_000, 50);
    await stopAll(workers.filter((w) => w !== victim));

    // The killed run is closed as interrupted by a later run; no stream is left running.
    expect(await store.reader.all("SELECT id FROM sync_run_streams WHERE status = 'running'")).toEqual([]);
    const killedRuns = await store.reader.all<{ status: string }>('SELECT status FROM sync_runs WHERE pid = @pid', { pid: victim!.child.pid });
    expect(killedRuns.map((r) => r.status)).toEqual(['interrupted']);

    // What the three workers stored equals one clean sync of the same organisation.
    const columns = 'id, team_id, counter_id, title, status, priority, severity, triggered_at, acknowledged_at, resolved_at, deleted_at';
    const clean = await startHarness(tempDir(), { store: 'postgres', org: ORG, now: new Date() });
    cleanups.push(() => clean.close());
    await clean.sync();
    for (const table of ['incidents', 'teams', 'users', 'team_members', 'oncall_schedules']) {
      const cols = table === 'incidents' ? columns : 'id, deleted_at';
      expect(await store.reader.all(`SELECT ${cols} FROM ${table} ORDER BY id`)).toEqual(await clean.query(`SELECT ${cols} FROM ${table} ORDER BY id`));
    }
  }, 120_000);
});
