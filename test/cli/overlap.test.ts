import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer, type SimServer } from '../../src/demo/server.js';
import { finishWithin, spawnCli, waitFor } from '../helpers/cli-process.js';
import { useMisbehavingServers } from '../helpers/cli-run.js';
import { API_KEY } from '../helpers/harness.js';
import { heldUntilReleased } from '../helpers/misbehaving-server.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();
const startFront = useMisbehavingServers();
let server: SimServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('no overlapping runs', () => {
  it('a second sync against the same store exits at once with a clear message; the first finishes', async () => {
    server = await startSimServer({ org: generateOrg({ seed: 3, teams: 2, incidentsPerTeam: [800, 800] }), apiKey: API_KEY, latencyMs: 20 });
    // The first sync's first incident page is held until the second has exited: it cannot finish (and free the store) first.
    const front = await startFront(server.url);
    const gate = heldUntilReleased();
    front.rules.push({ path: '/incidents', times: 1, act: gate.act });
    const env = { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: front.url, SPIKE_DB_PATH: join(tempDir(), 'spike.db'), SPIKE_MAX_RPS: '0', SPIKE_PAGE_CONCURRENCY: '1' };
    const first = spawnCli(['sync'], env);
    await waitFor(gate.arrived, 20_000);
    // The key travels in the environment only: it is not in the process's command line.
    expect(readFileSync(`/proc/${first.child.pid}/cmdline`, 'utf8')).not.toContain(API_KEY);

    const requestsBefore = front.requests.length;
    const second = spawnCli(['sync'], env);
    const secondExit = await finishWithin(second, 20_000);
    expect(secondExit.code).toBe(1);
    expect(second.stderr()).toMatch(/^spike-sync: another sync is running on this store \(pid \d+ on .+, since .+\); wait for it to finish or stop it\n$/);
    expect(second.stdout()).toBe('');
    // The refused run sent nothing: every request since then came from the first (sequential, one per page).
    const sent = front.requests.slice(requestsBefore);
    expect(sent.every((r) => r.path === '/incidents' || r.path.startsWith('/incidents/') || r.path === '/users' || r.path === '/on-calls')).toBe(true);

    gate.release();

    expect((await finishWithin(first, 20_000)).code).toBe(0);
    expect(first.stdout()).toMatch(/total \(2 teams, run 1\)\s+ok/);
  }, 30_000);
});
