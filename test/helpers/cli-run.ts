import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { finishWithin, spawnCli, type Finished } from './cli-process.js';
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

/** Runs the built CLI with the rss probe preloaded; resolves with its exit and peak RSS in MiB. */
export async function runCliMeasured(args: string[], env: Record<string, string>, dir: string, boundMs: number): Promise<Finished & { peakRssMb: number }> {
  const rssFile = join(dir, 'peak-rss');
  const run = spawnCli(args, { ...env, NODE_OPTIONS: `--import=${RSS_PROBE}`, BENCH_RSS_FILE: rssFile });
  const finished = await finishWithin(run, boundMs);
  const peakRssMb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : Number.NaN;
  return { ...finished, peakRssMb };
}
