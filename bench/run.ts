// `npm run bench [-- --teams 20 --incidents 5000 --latency-ms 0 --concurrency 4 --keep]`: measures the
// sync against the simulated Spike API and prints one table with each figure beside its target.
// `--store postgres` syncs into a fresh schema of the database at --database-url (default
// SPIKE_BENCH_DATABASE_URL, else the local server's `test` database) and compares with a bare PostgreSQL
// pipeline. Extra steps: `--report-million` (report summary over 1,000,000 incidents built in the store),
// `--workers N` (a cold sync by N `start` workers against one by a single worker, on a slow API);
// `--skip-sync` leaves out the sync steps and runs only those.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runBaseline } from './baselines.js';
import { postgresBenchStore, sqliteBenchStore, type BenchStore } from './bench-store.js';
import { Figures } from './figures.js';
import { measure, startSimProcess } from './processes.js';
import { timeHelp } from './startup.js';
import { runReportMillion } from './report-million.js';
import { runSyncSteps } from './sync-steps.js';
import { runWorkersStep } from './workers.js';

const { values } = parseArgs({
  options: {
    teams: { type: 'string', default: '20' },
    incidents: { type: 'string', default: '5000' },
    'latency-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
    store: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string', default: process.env.SPIKE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    'report-million': { type: 'boolean', default: false },
    workers: { type: 'string' },
    'workers-teams': { type: 'string', default: '20' },
    'workers-incidents': { type: 'string', default: '300' },
    'workers-latency-ms': { type: 'string', default: '100' },
    'skip-sync': { type: 'boolean', default: false },
  },
});
if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error(`--store must be sqlite or postgres, not ${values.store}`);
const kind = values.store;
const databaseUrl = values['database-url'];
const teams = Number(values.teams);
const perTeam = Number(values.incidents);
const latencyMs = Number(values['latency-ms']);
const API_KEY = 'bench-key-0123456789';
const figures = new Figures();
const dir = mkdtempSync(join(tmpdir(), 'spike-bench-'));
// Every schema of this run starts with this prefix, so two runs on one database never meet.
const schemaPrefix = `bench_${process.pid}`;

try {
  await timeHelp(figures);
  if (!values['skip-sync']) await benchSync();
  if (values['report-million']) {
    await runReportMillion(kind === 'sqlite' ? { kind, path: join(dir, 'million.db') } : { kind, url: databaseUrl, schema: `${schemaPrefix}_million` }, figures, values.keep);
  }
  if (values.workers !== undefined) {
    if (kind !== 'postgres') throw new Error('--workers needs --store postgres: only a PostgreSQL store is shared by several workers');
    await runWorkersStep(
      { workers: Number(values.workers), teams: Number(values['workers-teams']), perTeam: Number(values['workers-incidents']), latencyMs: Number(values['workers-latency-ms']), concurrency: values.concurrency, apiKey: API_KEY },
      { url: databaseUrl, schemaPrefix: `${schemaPrefix}_w`, keep: values.keep },
      figures,
    );
  }
  figures.print();
} finally {
  if (values.keep) process.stderr.write(`bench: files kept in ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * The cold sync's target against the bare pipeline: PostgreSQL ≥ 0.6 × its own; SQLite ≥ 0.8 × up to 100,000 incidents
 * and ≥ 0.7 × at a million, where every index is deeper (in between, the nearer size's).
 */
function coldShare(incidents: number): number {
  if (kind === 'postgres') return 0.6;
  return incidents >= 550_000 ? 0.7 : 0.8;
}

async function benchSync(): Promise<void> {
  const sim = await startSimProcess(teams, perTeam, latencyMs, API_KEY);
  let store: BenchStore | null = null;
  try {
    store = kind === 'sqlite' ? sqliteBenchStore(join(dir, 'spike.db')) : await postgresBenchStore(databaseUrl, schemaPrefix);
    const env = {
      SPIKE_API_KEY: API_KEY,
      SPIKE_API_URL: sim.url,
      ...store.env,
      SPIKE_MAX_RPS: '0',
      SPIKE_PAGE_CONCURRENCY: String(values.concurrency),
      LOG_LEVEL: 'warn',
    };
    const cli = (...args: string[]) => measure(['bin/spike-sync.js', ...args], env);
    const where = kind === 'sqlite' ? '' : `, store ${store.where}`;
    process.stderr.write(`bench: ${teams} teams × ${perTeam} incidents = ${sim.incidents} incidents, latency ${latencyMs} ms, page concurrency ${values.concurrency}${where}\n`);
    const baseline = await runBaseline(sim.url, API_KEY, kind === 'sqlite' ? { kind, dir } : { kind, url: databaseUrl, schema: `${schemaPrefix}_bare` });
    await runSyncSteps({ store, sim, teams, latencyMs, baseline, cli, reportTarget: kind === 'sqlite' ? '≤ 2 s' : '≤ 1 s', coldShare: coldShare(teams * perTeam) }, figures);
  } finally {
    await sim.stop();
    if (store && values.keep) process.stderr.write(`bench: store kept at ${store.where}\n`);
    await store?.close(values.keep);
  }
}
