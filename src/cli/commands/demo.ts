import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { generateOrg } from '../../demo/generator.js';
import { startSimServer } from '../../demo/server.js';
import { runSync } from '../../jobs/run-sync.js';
import { SpikeSyncError } from '../../lib/errors.js';
import { REPORTS } from '../../reports/index.js';
import { renderRunSummary } from '../run-summary.js';
import { openRuntime, syncDeps, syncSettings, type CliIo } from '../runtime.js';
import { renderReport } from './report.js';

export const DEFAULT_DEMO_DB = './data/demo.db';

export interface DemoOptions {
  db?: string;
  teams?: number;
  incidents?: number;
  seed?: number;
}

/**
 * Starts the simulated Spike API with a generated organisation, syncs it into a fresh store and
 * prints the per-team overview and the cross-team summary. Needs no API key.
 */
export async function demoCommand(io: CliIo, options: DemoOptions): Promise<number> {
  const dbPath = options.db ?? DEFAULT_DEMO_DB;
  prepareStorePath(dbPath, options.db === undefined);
  const org = generateOrg({ seed: options.seed ?? 2026, teams: options.teams ?? 6, incidentsPerTeam: options.incidents ?? 800, now: new Date() });
  const apiKey = `demo-${randomBytes(12).toString('hex')}`;
  const server = await startSimServer({ org, apiKey });
  // The simulated API is local: no need to pace requests.
  const runtime = await openRuntime(io, { dbPath, apiUrl: server.url, apiKey, maxRps: 0 });
  try {
    runtime.logger.info({ url: server.url, teams: org.teams.length, incidents: org.incidents.length }, 'simulated Spike API started');
    const result = await runSync(syncDeps(runtime, io, new AbortController().signal), await syncSettings(runtime, {}), 'cli');
    if (io.stderr.isTTY) io.stderr.write('\r\x1b[K');
    io.stderr.write(renderRunSummary(result));
    const now = new Date();
    const request = { since: new Date(now.getTime() - 30 * 86_400_000), until: now, now };
    io.stdout.write(`Teams (all time), store ${dbPath}\n`);
    io.stdout.write(renderReport('team-overview', await REPORTS['team-overview'].run(runtime.store.reader, request), 'table'));
    io.stdout.write('\nSummary, last 30 days (spike-sync report summary)\n');
    io.stdout.write(renderReport('summary', await REPORTS.summary.run(runtime.store.reader, request), 'table'));
    return result.status === 'ok' ? 0 : 2;
  } finally {
    await runtime.close();
    await server.close();
  }
}

/** The demo always starts from an empty store: its default file is replaced, but a file the user named is never overwritten. */
function prepareStorePath(path: string, isDefault: boolean): void {
  if (!existsSync(path)) return;
  if (!isDefault) throw new SpikeSyncError(`${path} already exists; the demo writes a fresh store, so remove it or pass another --db`);
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}
