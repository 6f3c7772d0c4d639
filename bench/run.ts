// `npm run bench [-- --teams 20 --incidents 5000 --latency-ms 0 --concurrency 4 --keep]`: measures the
// sync against the simulated Spike API and prints one table with each figure beside its target.
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { measure, startSimProcess, tsxArgs, type Measured } from './processes.js';

const { values } = parseArgs({
  options: {
    teams: { type: 'string', default: '20' },
    incidents: { type: 'string', default: '5000' },
    'latency-ms': { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean', default: false },
  },
});
const teams = Number(values.teams);
const perTeam = Number(values.incidents);
const latencyMs = Number(values['latency-ms']);
const API_KEY = 'bench-key-0123456789';

const dir = mkdtempSync(join(tmpdir(), 'spike-bench-'));
const dbPath = join(dir, 'spike.db');
const sim = await startSimProcess(teams, perTeam, latencyMs, API_KEY);
const env = {
  SPIKE_API_KEY: API_KEY,
  SPIKE_API_URL: sim.url,
  SPIKE_DB_PATH: dbPath,
  SPIKE_MAX_RPS: '0',
  SPIKE_PAGE_CONCURRENCY: String(values.concurrency),
  LOG_LEVEL: 'warn',
};
const cli = (...args: string[]) => measure(['bin/spike-sync.js', ...args], env);
const rows: [string, string, string][] = [];
const show = (label: string, value: string, target = '') => rows.push([label, value, target]);

process.stderr.write(`bench: ${teams} teams × ${perTeam} incidents = ${sim.incidents} incidents, latency ${latencyMs} ms, page concurrency ${values.concurrency}\n`);
try {
  const baseline = await runBaseline(sim.url);
  const cold = await step('cold sync', () => cli('sync'));
  const coldRun = lastRun();
  const coldRate = sim.incidents / coldRun.seconds;
  show('cold sync: incidents/s', fmt(coldRate), `≥ 0.6 × baseline (${fmt(0.6 * baseline.fresh)}): ${ratio(coldRate, baseline.fresh)}`);
  show('cold sync: wall time (process)', `${cold.seconds.toFixed(1)} s`, latencyMs > 0 ? `≤ 0.4 × requests × latency = ${(0.4 * coldRun.requests * latencyMs / 1000).toFixed(1)} s` : '');
  show('cold sync: requests', String(coldRun.requests));
  show('cold sync: peak RSS', `${cold.peakRssMb.toFixed(0)} MB`, '≤ 200 MB at 1,000,000 incidents');
  show('cold sync: store size', `${(storeBytes() / 1e6).toFixed(0)} MB`);

  const still = await step('no-change run', () => cli('sync'));
  show('no-change run: requests', String(lastRun().requests), `≤ 2 + 6 × teams = ${2 + 6 * teams}`);
  show('no-change run: wall time', `${still.seconds.toFixed(2)} s`);

  const changes = (await sim.ask('mutate 0.01')) as { changed: { id: string; status: string; priority: string | null }[]; added: string[] };
  const after = await step('run after changes', () => cli('sync'));
  show('after 1% changed + 1% added: requests', String(lastRun().requests), `${changes.changed.length} changed, ${changes.added.length} added`);
  show('after 1% changed + 1% added: wall time', `${after.seconds.toFixed(2)} s`);
  show('after changes: all present in the store', checkChanges(changes) ? 'yes' : 'NO', 'yes');

  await step('full reconciliation', () => cli('sync', '--full'));
  const full = lastRun();
  const fullRate = (sim.incidents + changes.added.length) / full.seconds;
  show('full reconciliation (unchanged): incidents/s', fmt(fullRate), `≥ 0.6 × baseline unchanged (${fmt(0.6 * baseline.unchanged)}): ${ratio(fullRate, baseline.unchanged)}`);

  const report = await step('report summary', () => cli('report', 'summary', '--since', '3650d', '--format', 'json'));
  show('report summary: wall time (process)', `${report.seconds.toFixed(2)} s`, '≤ 2 s at 1,000,000 incidents');
  show('baseline: new incidents/s', fmt(baseline.fresh));
  show('baseline: unchanged incidents/s', fmt(baseline.unchanged));
  printTable();
} finally {
  await sim.stop();
  if (values.keep) process.stderr.write(`bench: store kept at ${dbPath}\n`);
  else rmSync(dir, { recursive: true, force: true });
}

async function step(label: string, run: () => Promise<Measured>): Promise<Measured> {
  process.stderr.write(`bench: ${label}…\n`);
  const result = await run();
  if (result.code !== 0) throw new Error(`${label} exited ${result.code}: ${result.stderr.slice(-2000)}`);
  return result;
}

/** The last run's requests and duration, from the store's own ledger. */
function lastRun(): { requests: number; seconds: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const row = db.prepare('SELECT requests, started_at AS s, finished_at AS f FROM sync_runs ORDER BY id DESC LIMIT 1').get() as { requests: number; s: string; f: string };
    return { requests: row.requests, seconds: (Date.parse(row.f) - Date.parse(row.s)) / 1000 };
  } finally {
    db.close();
  }
}

function checkChanges(changes: { changed: { id: string; status: string; priority: string | null }[]; added: string[] }): boolean {
  const db = new Database(dbPath, { readonly: true });
  try {
    const get = db.prepare('SELECT status, priority FROM incidents WHERE id = ?');
    const changedOk = changes.changed.every((c) => {
      const row = get.get(c.id) as { status: string; priority: string | null } | undefined;
      return row?.status === c.status && row.priority === c.priority;
    });
    return changedOk && changes.added.every((id) => get.get(id) !== undefined);
  } finally {
    db.close();
  }
}

async function runBaseline(url: string): Promise<{ fresh: number; unchanged: number }> {
  process.stderr.write('bench: bare baseline…\n');
  const res = await fetch(`${url}/teams`, { headers: { 'x-api-key': API_KEY } });
  const ids = ((await res.json()) as { teams: { _id: string }[] }).teams.map((t) => t._id).join(',');
  const run = await measure(tsxArgs('bench/baseline-child.ts', url, API_KEY, join(dir, 'baseline.db'), ids), {});
  if (run.code !== 0) throw new Error(`baseline failed: ${run.stderr}`);
  const out = JSON.parse(run.stdout) as { fresh: { incidents: number; seconds: number }; unchanged: { incidents: number; seconds: number } };
  return { fresh: out.fresh.incidents / out.fresh.seconds, unchanged: out.unchanged.incidents / out.unchanged.seconds };
}

function storeBytes(): number {
  return ['', '-wal'].map((s) => dbPath + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function ratio(value: number, base: number): string {
  const r = value / base;
  return `${r.toFixed(2)}× ${r >= 0.6 ? 'met' : 'MISSED'}`;
}

function printTable(): void {
  const headers = ['figure', 'value', 'target'];
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  process.stdout.write([line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n');
}
