// `--report-million`: builds 1,000,000 incidents straight into a store made by the real migrations and
// times `report summary` over all of them as a process, median of three runs; then every other report (each
// grouping) over the whole history the same way; then `report html` (the page with its charts) over the
// command's default window, the last 30 days, and once over all of them.
import { statSync, existsSync } from 'node:fs';
import { connectInSchema, dropSchema, schemaBytes } from './bench-store.js';
import { median, within, type Figures } from './figures.js';
import { fillPostgres } from './million-pg.js';
import { MILLION } from './million-shape.js';
import { fillSqlite } from './million-sqlite.js';
import { measure, type Measured } from './processes.js';
import { step } from './sync-steps.js';

export type MillionTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema: string };

const RUNS = 3;
/** `report summary` over the whole history, as a process, on either store. */
const SUMMARY_LIMIT = 1;
/** Every other report over the whole history. */
const OTHER_LIMIT = 1.5;
const OTHER_REPORTS = [
  ['mtta-mttr', '--by', 'team'], ['mtta-mttr', '--by', 'priority'], ['mtta-mttr', '--by', 'severity'], ['mtta-mttr', '--by', 'service'],
  ['volume', '--by', 'day'], ['volume', '--by', 'week'], ['open'], ['noisy'], ['team-overview'], ['services'], ['responders'], ['oncall-load'],
];
/** `report html` over its default window (the last 30 days), on either store. */
const HTML_LIMIT = 3;

export async function runReportMillion(target: MillionTarget, figures: Figures, keep: boolean): Promise<void> {
  const storeArgs = target.kind === 'sqlite' ? ['--db', target.path] : ['--database-url', target.url];
  // Only the option names the store: a DATABASE_URL in the caller's environment must not win.
  const env: Record<string, string> = { DATABASE_URL: '', LOG_LEVEL: 'warn', ...(target.kind === 'postgres' ? { SPIKE_DB_SCHEMA: target.schema } : {}) };
  const report = () => step('report summary', () => measure(['bin/spike-sync.js', 'report', 'summary', '--since', '3650d', '--format', 'json', ...storeArgs], env));
  const name = target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  if (target.kind === 'postgres') await dropSchema(target.url, target.schema);
  try {
    await step(`migrate a ${name} store for 1,000,000 incidents`, () => measure(['bin/spike-sync.js', 'migrate', ...storeArgs], env));
    process.stderr.write('bench: filling it…\n');
    const built = target.kind === 'sqlite' ? buildSqlite(target.path) : await buildPostgres(target, report);
    figures.show(`million ${name} store: build time (${target.kind === 'sqlite' ? 'prepared inserts' : 'SQL generate_series'})`, `${built.seconds.toFixed(0)} s`);
    figures.show(`million ${name} store: size`, `${(built.bytes / 1e6).toFixed(0)} MB`);
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await report();
      checkTotal(run.stdout);
      runs.push(run.seconds);
    }
    if (built.firstRun !== null) figures.show(`report summary, 1,000,000 incidents (${name}): first run, before VACUUM`, `${built.firstRun.toFixed(2)} s`);
    const mid = median(runs);
    figures.show(`report summary, 1,000,000 incidents (${name}): median of ${RUNS}`, `${mid.toFixed(2)} s`, `≤ ${SUMMARY_LIMIT} s: ${within(mid, SUMMARY_LIMIT)}`);
    figures.show(`report summary, 1,000,000 incidents (${name}): runs`, runs.map((s) => s.toFixed(2)).join(', ') + ' s');
    await timeOtherReports(name, storeArgs, env, figures);
    await timeHtml(name, storeArgs, env, figures);
  } finally {
    if (target.kind === 'postgres' && !keep) await dropSchema(target.url, target.schema);
    if (keep) process.stderr.write(`bench: million-incident store kept at ${target.kind === 'sqlite' ? target.path : `schema ${target.schema}`}\n`);
  }
}

/** Every other report over the whole history, median of three runs each; each must print rows (work was done). */
async function timeOtherReports(name: string, storeArgs: string[], env: Record<string, string>, figures: Figures): Promise<void> {
  for (const report of OTHER_REPORTS) {
    const label = report.join(' ');
    const runs: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i++) {
      const run = await step(`report ${label}`, () => measure(['bin/spike-sync.js', 'report', ...report, '--since', '3650d', '--format', 'json', ...storeArgs], env));
      rows = (JSON.parse(run.stdout) as unknown[]).length;
      runs.push(run.seconds);
    }
    const mid = median(runs);
    figures.show(`report ${label}, 1,000,000 incidents (${name}): median of ${RUNS}, ${rows} rows`, `${mid.toFixed(2)} s`, `≤ ${OTHER_LIMIT} s: ${within(mid, OTHER_LIMIT)}`);
  }
}

/**
 * `report html --out -` as a process: the page over the default window (median of three runs, the target), then
 * once over every incident. The whole-history page must count all of them in its tiles.
 */
async function timeHtml(name: string, storeArgs: string[], env: Record<string, string>, figures: Figures): Promise<void> {
  const html = (since: string) => step(`report html --since ${since}`, () => measure(['bin/spike-sync.js', 'report', 'html', '--out', '-', '--since', since, ...storeArgs], env));
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await html('30d');
    checkPage(run.stdout, null);
    runs.push(run.seconds);
  }
  const mid = median(runs);
  figures.show(`report html, last 30 days of 1,000,000 incidents (${name}): median of ${RUNS}`, `${mid.toFixed(2)} s`, `≤ ${HTML_LIMIT} s: ${within(mid, HTML_LIMIT)}`);
  const all = await html('3650d');
  checkPage(all.stdout, MILLION);
  figures.show(`report html, all 1,000,000 incidents (${name})`, `${all.seconds.toFixed(2)} s`);
}

/** A page that is not whole, or whose tiles count other incidents than the store holds, was timed for nothing. */
function checkPage(page: string, total: number | null): void {
  if (!page.startsWith('<!doctype html>') || !page.trimEnd().endsWith('</html>')) throw new Error('report html did not write a whole page');
  if (total === null) return;
  const counted = [...page.matchAll(/data-figure="incidents" data-value="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
  if (counted !== total) throw new Error(`report html counted ${counted} incidents in its tiles, not ${total}`);
}

interface Built {
  seconds: number;
  bytes: number;
  /** PostgreSQL: a report run between the load and the VACUUM. */
  firstRun: number | null;
}

function buildSqlite(path: string): Built {
  const started = performance.now();
  fillSqlite(path, MILLION);
  const bytes = ['', '-wal'].map((s) => path + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0);
  return { seconds: (performance.now() - started) / 1000, bytes, firstRun: null };
}

async function buildPostgres(target: { url: string; schema: string }, report: () => Promise<Measured>): Promise<Built> {
  const client = await connectInSchema(target.url, target.schema);
  try {
    const started = performance.now();
    await fillPostgres(client, MILLION);
    const seconds = (performance.now() - started) / 1000;
    // Before autovacuum has visited the new rows, every index entry still needs its heap row checked.
    const firstRun = (await report()).seconds;
    process.stderr.write('bench: VACUUM ANALYZE, as autovacuum does after a large insert…\n');
    await client.query('VACUUM (ANALYZE) incidents, teams');
    return { seconds, bytes: await schemaBytes(client, target.schema), firstRun };
  } finally {
    await client.end();
  }
}

/** A report that silently read fewer rows would be fast for the wrong reason. */
function checkTotal(stdout: string): void {
  const rows = JSON.parse(stdout) as { incidents: number }[];
  const total = rows.reduce((n, r) => n + r.incidents, 0);
  if (total !== MILLION) throw new Error(`report summary counted ${total} incidents, not ${MILLION}`);
}
