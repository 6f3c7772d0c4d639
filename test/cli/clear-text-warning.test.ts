import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/cli/clear-text.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness } from '../helpers/harness.js';
import { SMALL_ORG } from '../faults/fault-kit.js';

const startHarness = useHarness();
const WARNING = 'SPIKE_API_URL is plain http to a host that is not this machine: the API key is sent unencrypted; use https';

function warningsIn(stderr: string): { host?: string; msg: string }[] {
  return stderr
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { host?: string; msg: string })
    .filter((entry) => entry.msg === WARNING);
}

describe('plain http to another machine', () => {
  it('warns once at start, naming the host and not the key', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    // TEST-NET-1: never routed, so nothing leaves; the run fails fast on the short timeout.
    const io = captureIo({ ...harness.env, SPIKE_API_URL: 'http://192.0.2.1:8080', SPIKE_HTTP_TIMEOUT: '1s', SPIKE_HTTP_RETRIES: '0', LOG_LEVEL: 'warn' });

    await runCli(['sync'], io);

    expect(warningsIn(io.err())).toEqual([expect.objectContaining({ host: '192.0.2.1:8080' })]);
    expect(io.err()).not.toContain(harness.env.SPIKE_API_KEY);
  }, 20_000);

  it.each(['127.0.0.1', 'localhost'])('stays silent for http://%s', async (host) => {
    const harness = await startHarness({ org: SMALL_ORG });
    const io = captureIo({ ...harness.env, SPIKE_API_URL: harness.server.url.replace('127.0.0.1', host), LOG_LEVEL: 'warn' });

    expect(await runCli(['sync'], io)).toBe(0);

    expect(warningsIn(io.err())).toEqual([]);
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', '[::1]', '::1', 'localhost', 'LOCALHOST', 'api.localhost', '[::ffff:127.0.0.1]'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it('as URL spells them', () => {
    for (const url of ['http://127.0.0.1:9', 'http://[::1]:9', 'http://[::ffff:127.0.0.1]:9', 'http://LocalHost:9']) expect(isLoopbackHost(new URL(url).hostname)).toBe(true);
    for (const url of ['http://[::ffff:10.0.0.1]:9', 'http://2130706433x.example']) expect(isLoopbackHost(new URL(url).hostname)).toBe(false);
  });

  it.each(['128.0.0.1', '10.0.0.1', '0.0.0.0', 'localhost.example.com', '127.0.0.1.nip.io', 'api.spike.sh', '[::2]'])('%s is not', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
