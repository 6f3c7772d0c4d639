import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOrg } from '../../demo/generator.js';
import { startSimServer } from '../../demo/server.js';
import { runSync } from '../../jobs/run-sync.js';
import { SpikeSyncError } from '../../lib/errors.js';
import { terminalText } from '../../lib/terminal-text.js';
import { REPORTS } from '../../reports/index.js';
import { renderRunSummary } from '../run-summary.js';
import { readEnv, type CliIo } from '../io.js';
import { openRuntime, syncDeps, syncSettings } from '../runtime.js';
import { renderReport } from '../report-output.js';
import { DEFAULT_HTML_OUT, writeHtmlReport } from './report.js';
import { chosenStore, dbOption, type StoreChoice } from '../store-choice.js';
import { loadConfig } from '../../config.js';
import { describeStore } from '../../db/index.js';

/** Rows of each report after the summary that the demo prints. */
const DEMO_ROWS = 10;

export const DEFAULT_DEMO_DB = './data/demo.db';

export interface DemoOptions extends StoreChoice {
  teams?: number;
  incidents?: number;
  seed?: number;
}

/**
 * Starts the simulated Spike API with a generated organisation, syncs it into a fresh store and
 * prints the per-team overview, the cross-team summary, and the busiest services, responders and on-call load, then writes
 * the html report to ./spike-report.html. Needs no API key.
 */
export async function demoCommand(io: CliIo, options: DemoOptions): Promise<number> {
  // The demo's own file unless a store is named: a configured DATABASE_URL or SPIKE_DB_PATH is never written by a demo.
  const store = options.databaseUrl !== undefined
    ? chosenStore(loadConfig(readEnv(io), { requireApiKey: false }), options)
    : ({ kind: 'sqlite', path: options.db === undefined ? DEFAULT_DEMO_DB : dbOption(options.db) } as const);
  if (store.kind === 'sqlite') prepareStorePath(store.path, options.db === undefined ? readEnv(io).SPIKE_DB_PATH : null);
  const org = generateOrg({ seed: options.seed ?? 2026, teams: options.teams ?? 6, incidentsPerTeam: options.incidents ?? 800, sharedSchedule: true, now: new Date() });
  const apiKey = `demo-${randomBytes(12).toString('hex')}`;
  const server = await startSimServer({ org, apiKey });
  // The simulated API is local: no need to pace requests.
  const runtime = await openRuntime(io, { store, apiUrl: server.url, apiKey, maxRps: 0 });
  try {
    // Like the SQLite file it replaces, the demo writes only into an empty store: never beside real data.
    if (store.kind === 'postgres' && (await runtime.store.listStoredTeams()).length > 0) {
      throw new SpikeSyncError(`the store at ${describeStore(store)} already holds data; the demo writes a fresh store, so point --database-url or SPIKE_DB_SCHEMA at an empty one`);
    }
    runtime.logger.info({ url: server.url, teams: org.teams.length, incidents: org.incidents.length }, 'simulated Spike API started');
    const result = await runSync(syncDeps(runtime, io, new AbortController().signal), await syncSettings(runtime, {}), 'cli');
    if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    io.stderr.write(renderRunSummary(result));
    const now = new Date();
    const request = { since: new Date(now.getTime() - 30 * 86_400_000), until: now, now };
    io.stdout.write(`Teams (all time), store ${describeStore(store)}\n`);
    io.stdout.write(renderReport('team-overview', await REPORTS['team-overview'].run(runtime.store.reader, request), 'table'));
    io.stdout.write('\nSummary, last 30 days (spike-sync report summary)\n');
    io.stdout.write(renderReport('summary', await REPORTS.summary.run(runtime.store.reader, request), 'table'));
    // The rest of the data, each cut to its first rows (the reports order them busiest first): a demo shows, the report lists.
    for (const [name, title] of [['services', 'Services'], ['responders', 'Responders'], ['oncall-load', 'On-call load']] as const) {
      const rows = await REPORTS[name].run(runtime.store.reader, request);
      const more = rows.length > DEMO_ROWS ? `, top ${DEMO_ROWS} of ${rows.length}` : '';
      io.stdout.write(`\n${title}, last 30 days${more} (spike-sync report ${name})\n`);
      io.stdout.write(renderReport(name, rows.slice(0, DEMO_ROWS), 'table'));
    }
    const page = await writeHtmlReport(runtime.store.reader, { ...request, timeZone: 'UTC' }, DEFAULT_HTML_OUT);
    io.stdout.write(`\nThe same data with charts: ${terminalText(page)} (spike-sync report html; open it in a browser)\n`);
    return result.status === 'ok' ? 0 : 2;
  } finally {
    await runtime.close();
    await server.close();
  }
}

/**
 * The demo always starts from an empty store: its default file is replaced, but a file the user named is never
 * overwritten, with --db (`configured` null) or as the SPIKE_DB_PATH their syncs write (`configured`, for the default file).
 */
function prepareStorePath(path: string, configured: string | null | undefined): void {
  // Even before it exists: a demo written there would be the store the next real sync adds to.
  if (configured !== undefined && configured !== null && configured.trim() !== '' && resolve(configured) === resolve(path)) {
    throw new SpikeSyncError(`SPIKE_DB_PATH names ${path}, the demo's own file, which the demo replaces; pass --db with another path, or point SPIKE_DB_PATH elsewhere`);
  }
  if (!existsSync(path)) return;
  if (configured === null) throw new SpikeSyncError(`${path} already exists; the demo writes a fresh store, so remove it or pass another --db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
