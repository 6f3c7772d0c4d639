import { expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { SpikeTimeoutError, createSpikeClient } from '../../src/spike/index.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { useMisbehavingServers } from '../helpers/cli-run.js';
import { API_KEY, useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { drip } from '../helpers/misbehaving-server.js';
import { SMALL_ORG, allRuns, streamRow, teamIdsOf } from './fault-kit.js';

const startFront = useMisbehavingServers();

describeEachStore('a body that drips one byte per second', (store) => {
  const startHarness = useHarness(store);

  it('SPIKE_HTTP_TIMEOUT bounds the whole response: each attempt ends at the deadline, is retried, and the stream fails', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/incidents', teamId: a, page: 2, act: drip() });
    const env = { ...harness.env, SPIKE_API_URL: front.url, SPIKE_PAGE_CONCURRENCY: '1', SPIKE_HTTP_RETRIES: '1', SPIKE_HTTP_TIMEOUT: '2s', LOG_LEVEL: 'warn' };

    // Two attempts of 2 s each, plus the rest of the run; a drip that is not cut off runs on forever.
    const run = await finishWithin(spawnCli(['sync'], env), 20_000);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`spike-sync: team ${a} incidents: GET /incidents?page=2&perPage=100 (team ${a}) failed: the whole response took longer than SPIKE_HTTP_TIMEOUT (2s)`);
    expect(front.seen('/incidents', a, 2)).toHaveLength(2);
    expect(await allRuns(harness)).toEqual([expect.objectContaining({ status: 'partial', teams_ok: 2, teams_failed: 1 })]);
    expect(await streamRow(harness, 1, a!, 'incidents')).toMatchObject({ status: 'failed', requests: 3 });
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(100);
    expect(await harness.count('incidents', 'team_id IN (@b, @c)', { b, c })).toBe(40 + 12);
  }, 30_000);

  it('the client throws SpikeTimeoutError at the deadline, well before the drip would end', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/teams/get-all-teams', act: drip() });
    const client = createSpikeClient({ baseUrl: front.url, apiKey: API_KEY, timeoutMs: 1500, logger: silentLogger(), retry: { retries: 0 } });
    try {
      const error = await client.get('/teams/get-all-teams').catch((err: unknown) => err);
      expect(error).toBeInstanceOf(SpikeTimeoutError);
      expect((error as Error).message).toBe('GET /teams/get-all-teams failed: the whole response took longer than SPIKE_HTTP_TIMEOUT (1.5s)');
      // The drip sent its first byte and at least one more before the deadline: a body was streaming, not stalled.
      expect(front.stats.bytesSent).toBeGreaterThanOrEqual(2);
    } finally {
      await client.close();
    }
  }, 20_000);
});
