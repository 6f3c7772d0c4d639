import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { openSqlite } from '../../src/db/index.js';
import { spawnCli, type Spawned } from './cli-process.js';
import { startMisbehavingServer, type MisbehavingServer } from './misbehaving-server.js';

const RSS_PROBE = fileURLToPath(new URL('../../bench/rss-probe.mjs', import.meta.url));

/** For a test file: starts misbehaving servers in front of a target and closes them after each test. */
export function useMisbehavingServers(): (targetUrl: string) => Promise<MisbehavingServer> {
  const started: MisbehavingServer[] = [];
  afterEach(async () => {
    for (const server of started.splice(0)) await server.close();
  });
  return async (targetUrl) => {
    const server = await startMisbehavingServer(targetUrl);
    started.push(server);
    return server;
  };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Waits for a spawned CLI to exit; past `boundMs` it is killed and the test fails, instead of hanging. */
export async function finishWithin(run: Spawned, boundMs: number): Promise<Finished> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), boundMs)));
  const outcome = await Promise.race([run.exited, late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    run.child.kill('SIGKILL');
    await run.exited;
    throw new Error(`the CLI did not exit within ${boundMs} ms; stderr:\n${run.stderr().slice(-2000)}`);
  }
  return { ...outcome, stdout: run.stdout(), stderr: run.stderr() };
}

/** Runs the built CLI with the rss probe preloaded; resolves with its exit and peak RSS in MiB. */
export async function runCliMeasured(args: string[], env: Record<string, string>, dir: string, boundMs: number): Promise<Finished & { peakRssMb: number }> {
  const rssFile = join(dir, 'peak-rss');
  const run = spawnCli(args, { ...env, NODE_OPTIONS: `--import=${RSS_PROBE}`, BENCH_RSS_FILE: rssFile });
  const finished = await finishWithin(run, boundMs);
  const peakRssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  return { ...finished, peakRssMb };
}

/** Reads the store the CLI left, through a connection closed right away. */
export function readStore<T>(dbPath: string, read: (db: ReturnType<typeof openSqlite>['sqlite']) => T): T {
  const store = openSqlite(dbPath);
  try {
    return read(store.sqlite);
  } finally {
    store.close();
  }
}
