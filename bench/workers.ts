// `--workers N`: a cold sync by N `start` workers sharing one PostgreSQL store, against the same cold sync
// by one worker, on a simulated API slow enough (100 ms a request) for the split of teams to matter.
// Every worker is scheduled on one tick a few seconds ahead; a cold sync is done when every team's
// incidents stream (the last of its streams) has succeeded since that tick.
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { connectInSchema, dropSchema } from './bench-store.js';
import { fmt, type Figures } from './figures.js';
import { measure, ROOT, startSimProcess } from './processes.js';
import { step } from './sync-steps.js';

export interface WorkersBench {
  workers: number;
  teams: number;
  perTeam: number;
  latencyMs: number;
  concurrency: string;
  apiKey: string;
}

interface ColdSync {
  seconds: number;
  requests: number;
  /** Teams whose incidents each worker synced, busiest first. */
  teamsPerWorker: number[];
}

/** Time for the workers to start and connect before the tick. */
const LEAD_MS = 6000;
const TIMEOUT_MS = 20 * 60_000;
const NO_START_MS = 30_000;

export async function runWorkersStep(bench: WorkersBench, store: { url: string; schemaPrefix: string; keep: boolean }, figures: Figures): Promise<void> {
  const sim = await startSimProcess(bench.teams, bench.perTeam, bench.latencyMs, bench.apiKey);
  try {
    const coldSync = async (workers: number) => {
      const schema = `${store.schemaPrefix}${workers}`;
      try {
        return await coldSyncBy(workers, { ...bench, apiUrl: sim.url, databaseUrl: store.url, schema });
      } finally {
        if (!store.keep) await dropSchema(store.url, schema);
      }
    };
    const what = `${bench.teams} teams × ${bench.perTeam}, ${bench.latencyMs} ms latency`;
    const one = await coldSync(1);
    const many = await coldSync(bench.workers);
    const share = many.seconds / one.seconds;
    figures.show(`cold sync by 1 start worker (${what})`, `${one.seconds.toFixed(1)} s`, `${fmt(one.requests)} requests`);
    figures.show(`cold sync by ${bench.workers} start workers (${what})`, `${many.seconds.toFixed(1)} s`, `≤ 0.5 × 1 worker (${(0.5 * one.seconds).toFixed(1)} s): ${share.toFixed(2)}× ${share <= 0.5 ? 'met' : 'MISSED'}`);
    figures.show(`${bench.workers} start workers: requests; teams per worker`, `${fmt(many.requests)}; ${many.teamsPerWorker.join(' / ')}`);
  } finally {
    await sim.stop();
  }
}

async function coldSyncBy(workers: number, setup: WorkersBench & { apiUrl: string; databaseUrl: string; schema: string }): Promise<ColdSync> {
  await dropSchema(setup.databaseUrl, setup.schema);
  const base = { DATABASE_URL: setup.databaseUrl, SPIKE_DB_SCHEMA: setup.schema, LOG_LEVEL: 'warn' };
  // Migrated beforehand, so the timed part is the sync alone.
  await step(`migrate the store of ${workers} worker(s)`, () => measure(['bin/spike-sync.js', 'migrate'], base));
  const tick = new Date(Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000);
  // Seconds, minutes and hours fixed: the schedule fires once at the tick, and not again while we wait.
  const cron = `${tick.getUTCSeconds()} ${tick.getUTCMinutes()} ${tick.getUTCHours()} * * *`;
  const env = { ...base, SPIKE_API_KEY: setup.apiKey, SPIKE_API_URL: setup.apiUrl, SPIKE_SYNC_CRON: cron, SPIKE_MAX_RPS: '0', SPIKE_PAGE_CONCURRENCY: setup.concurrency };
  process.stderr.write(`bench: ${workers} start worker(s), tick at ${tick.toISOString()}…\n`);
  const client = await connectInSchema(setup.databaseUrl, setup.schema);
  const started: Worker[] = [];
  try {
    for (let i = 0; i < workers; i++) started.push(startWorker(env));
    const done = await waitForTeams(client, setup.teams, tick, started);
    await waitForRuns(client);
    const runs = await client.query<{ requests: string; per_worker: number[] | null }>(
      `SELECT (SELECT SUM(requests) FROM sync_runs) AS requests,
        (SELECT array_agg(n ORDER BY n DESC) FROM (SELECT COUNT(DISTINCT s.team_id)::int AS n FROM sync_run_streams s JOIN sync_runs r ON r.id = s.run_id
          WHERE s.stream = 'incidents' AND s.status = 'ok' GROUP BY r.pid) w) AS per_worker`,
    );
    const row = runs.rows[0]!;
    return { seconds: (done.getTime() - tick.getTime()) / 1000, requests: Number(row.requests), teamsPerWorker: row.per_worker ?? [] };
  } finally {
    await client.end();
    await Promise.all(started.map(stopWorker));
  }
}

/** When every team's incidents stream has succeeded since the tick: the latest of those instants. */
async function waitForTeams(client: pg.Client, teams: number, tick: Date, workers: Worker[]): Promise<Date> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const dead = workers.find((w) => w.child.exitCode !== null);
    if (dead) throw new Error(`a start worker exited ${dead.child.exitCode}: ${dead.output.slice(-2000)}`);
    const state = await client.query<{ done: number; latest: Date | null; runs: number }>(
      `SELECT COUNT(*)::int AS done, MAX(last_success_at) AS latest, (SELECT COUNT(*)::int FROM sync_runs) AS runs
       FROM sync_state WHERE stream = 'incidents' AND last_success_at >= $1`,
      [tick],
    );
    const { done, latest, runs } = state.rows[0]!;
    if (done >= teams && latest) return latest;
    // A worker that came up after its tick waits a day for the next one.
    if (runs === 0 && Date.now() > tick.getTime() + NO_START_MS) throw new Error(`no run started ${NO_START_MS / 1000} s after the tick: did the workers start in time?`);
    if (Date.now() > deadline) throw new Error(`only ${done} of ${teams} teams synced after ${TIMEOUT_MS / 60_000} minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs record their requests when they finish, a moment after their last team. The store is fresh: every run is of this tick. */
async function waitForRuns(client: pg.Client): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const open = await client.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM sync_runs WHERE finished_at IS NULL');
    if (open.rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Worker {
  child: ChildProcess;
  /** Its stderr so far, to show when it dies. */
  output: string;
}

function startWorker(env: Record<string, string>): Worker {
  // Several workers on one machine: each would take the metrics server's default port, so none opens one.
  const child = spawn(process.execPath, ['bin/spike-sync.js', 'start'], { cwd: ROOT, env: { ...process.env, SPIKE_HTTP_PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const worker = { child, output: '' };
  child.stderr?.on('data', (c: Buffer) => (worker.output += c.toString()));
  return worker;
}

async function stopWorker({ child }: Worker): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
