import { expect, it } from 'vitest';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { runCliMeasured, useMisbehavingServers } from '../helpers/cli-run.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { useTempDir } from '../helpers/tmp.js';
import { endlessBody } from '../helpers/misbehaving-server.js';
import { SMALL_ORG, allRuns, teamIdsOf } from './fault-kit.js';

const startFront = useMisbehavingServers();
const tempDir = useTempDir();

const MIB = 1024 * 1024;
/**
 * Peak RSS of the CLI, a statement of "bounded", not a measurement: it peaks around 115 MiB with a
 * 1 MiB limit and 160 MiB with the default on an idle machine, while a reader without a limit grows with
 * what it is sent (about 100 MiB plus the body: far past this with the 1 GiB the server offers below).
 * The margin is for GC timing on a loaded machine.
 */
const MAX_RSS_MB = 512;
/** What the endless body sends at most, should the limit fail: well above MAX_RSS_MB, so the RSS bound tells. */
const SAFETY_CAP = 1024 * MIB;

describeEachStore('a response body that never ends', (store) => {
  const startHarness = useHarness(store);

  it.each([
    // maxSent: the limit plus generous room for what socket buffers held when the CLI gave up (about 5 MiB).
    { label: 'SPIKE_MAX_RESPONSE_BYTES=1MiB', setting: { SPIKE_MAX_RESPONSE_BYTES: '1MiB' }, shown: '1 MiB', maxSent: 64 * MIB },
    { label: 'the default (64 MiB)', setting: {} as Record<string, string>, shown: '64 MiB', maxSent: 200 * MIB },
  ])('with $label: the stream fails at the limit without a retry, memory stays bounded, page 1 stays and nothing of page 2', async ({ setting, shown, maxSent }) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const [a, b, c] = teamIdsOf(harness);
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/incidents', teamId: a, page: 2, act: endlessBody(SAFETY_CAP) });
    const env = { ...harness.env, SPIKE_API_URL: front.url, SPIKE_PAGE_CONCURRENCY: '1', SPIKE_HTTP_RETRIES: '1', SPIKE_HTTP_TIMEOUT: '60s', LOG_LEVEL: 'warn', ...setting };

    const run = await runCliMeasured(['sync'], env, tempDir(), 60_000);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`spike-sync: team ${a} incidents: GET /incidents?page=2&perPage=100 (team ${a}): response larger than ${shown}, the limit set by SPIKE_MAX_RESPONSE_BYTES; aborted, not retried`);
    expect(front.seen('/incidents', a, 2)).toHaveLength(1);
    expect(front.stats.bytesSent).toBeLessThan(maxSent);
    expect(run.peakRssMb).toBeLessThan(MAX_RSS_MB);
    expect((await allRuns(harness)).map((r) => r.status)).toEqual(['partial']);
    expect(await harness.count('sync_run_streams', "status = 'running'")).toBe(0);
    expect(await harness.count('sync_run_streams', "team_id = @a AND stream = 'incidents' AND status = 'failed'", { a })).toBe(1);
    expect(await harness.count('incidents', 'team_id = @a', { a })).toBe(100);
    expect(await harness.count('incidents', 'team_id = @b', { b })).toBe(40);
    expect(await harness.count('incidents', 'team_id = @c', { c })).toBe(12);
  }, 90_000);

  it('a Content-Length above the limit fails before the body is read', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const front = await startFront(harness.server.url);
    front.rules.push({
      path: '/orgs/members',
      act: (res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * MIB) });
        res.write('{"members":[');
      },
    });
    const env = { ...harness.env, SPIKE_API_URL: front.url, SPIKE_MAX_RESPONSE_BYTES: '1MiB', SPIKE_HTTP_RETRIES: '1', LOG_LEVEL: 'warn' };

    const run = await finishWithin(spawnCli(['sync'], env), 30_000);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`spike-sync: organisation users: GET /orgs/members: response larger than 1 MiB (Content-Length ${2 * MIB}), the limit set by SPIKE_MAX_RESPONSE_BYTES; aborted, not retried`);
    expect(front.seen('/orgs/members')).toHaveLength(1);
  }, 40_000);
});
