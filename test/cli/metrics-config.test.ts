import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { refreshPeriodMs, staleAfterMs } from '../../src/cli/monitoring/monitoring.js';
import { cronIntervalMs } from '../../src/jobs/scheduler.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { useHarness } from '../helpers/harness.js';
import { holdPort } from './metrics-kit.js';

const KEY = { SPIKE_API_KEY: 'k-123-4567-89abcdef' };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...KEY, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('metrics server configuration', () => {
  it('listens on 127.0.0.1:9464 by default, with readiness from the schedule', () => {
    const config = loadConfig(KEY);
    expect(config).toMatchObject({ httpPort: 9464, httpHost: '127.0.0.1', staleAfterMs: null });
    // 3 × the 15-minute schedule.
    expect(staleAfterMs(config)).toBe(45 * 60_000);
  });

  it('reads SPIKE_HTTP_PORT, SPIKE_HTTP_HOST and SPIKE_STALE_AFTER; port 0 turns the server off', () => {
    expect(loadConfig({ ...KEY, SPIKE_HTTP_PORT: '9100', SPIKE_HTTP_HOST: '0.0.0.0', SPIKE_STALE_AFTER: '2h' })).toMatchObject({
      httpPort: 9100,
      httpHost: '0.0.0.0',
      staleAfterMs: 7_200_000,
    });
    expect(loadConfig({ ...KEY, SPIKE_HTTP_PORT: '0' }).httpPort).toBeNull();
    expect(loadConfig({ ...KEY, SPIKE_HTTP_PORT: '65535' }).httpPort).toBe(65535);
    for (const host of ['::', '::1', 'localhost', 'metrics.internal', '10.1.2.3']) expect(loadConfig({ ...KEY, SPIKE_HTTP_HOST: host }).httpHost).toBe(host);
    expect(staleAfterMs(loadConfig({ ...KEY, SPIKE_STALE_AFTER: '90m' }))).toBe(90 * 60_000);
  });

  it.each([
    [{ SPIKE_HTTP_PORT: '65536' }, 'SPIKE_HTTP_PORT', /whole number from 0 to 65535; got "65536"/],
    [{ SPIKE_HTTP_PORT: '-1' }, 'SPIKE_HTTP_PORT', /from 0 to 65535/],
    [{ SPIKE_HTTP_PORT: '94.64' }, 'SPIKE_HTTP_PORT', /whole number/],
    [{ SPIKE_HTTP_PORT: 'metrics' }, 'SPIKE_HTTP_PORT', /whole number/],
    [{ SPIKE_HTTP_HOST: 'http://0.0.0.0' }, 'SPIKE_HTTP_HOST', /IP address or a host name/],
    [{ SPIKE_HTTP_HOST: '127.0.0.1:9464' }, 'SPIKE_HTTP_HOST', /IP address or a host name/],
    [{ SPIKE_HTTP_HOST: 'my host' }, 'SPIKE_HTTP_HOST', /IP address or a host name/],
    [{ SPIKE_HTTP_HOST: '-bad-.example' }, 'SPIKE_HTTP_HOST', /IP address or a host name/],
    [{ SPIKE_STALE_AFTER: 'soon' }, 'SPIKE_STALE_AFTER', /duration such as/],
    [{ SPIKE_STALE_AFTER: '0' }, 'SPIKE_STALE_AFTER', /duration such as/],
  ])('refuses %o naming %s', (env, variable, message) => {
    const err = errorOf(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toMatch(message);
  });

  it('takes the longest gap of the schedule as its interval', () => {
    expect(cronIntervalMs('*/15 * * * *')).toBe(15 * 60_000);
    expect(cronIntervalMs('* * * * * *')).toBe(1000);
    expect(cronIntervalMs('0 3 * * *')).toBe(86_400_000);
    // Weekdays only: the weekend is the gap a healthy worker goes without a run.
    expect(cronIntervalMs('0 9 * * 1-5')).toBe(3 * 86_400_000);
    expect(cronIntervalMs('0,10 * * * *')).toBe(50 * 60_000);
  });

  it('reads the store often enough to follow the stale limit, and not more than every second', () => {
    expect(refreshPeriodMs(45 * 60_000)).toBe(15_000);
    expect(refreshPeriodMs(20_000)).toBe(5_000);
    expect(refreshPeriodMs(2_000)).toBe(1_000);
  });
});

describe('start with a metrics server it cannot open', () => {
  const harness = useHarness();
  const held: { close(): void }[] = [];
  afterEach(() => {
    for (const server of held.splice(0)) server.close();
  });

  it('a port in use stops it at once with exit 1, naming SPIKE_HTTP_PORT, before any sync', async () => {
    const h = await harness();
    const { port, server } = await holdPort();
    held.push(server);
    const run = await finishWithin(spawnCli(['start'], { ...h.env, SPIKE_HTTP_PORT: String(port) }), 20_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`spike-sync: configuration error: SPIKE_HTTP_PORT: port ${port} on 127.0.0.1 is already in use`);
    expect(h.server.requests).toEqual([]);
  }, 30_000);

  it('an address this machine does not have stops it with exit 1, naming SPIKE_HTTP_HOST', async () => {
    const h = await harness();
    // TEST-NET-1 (RFC 5737): never an address of this machine; binding to it fails locally, nothing is sent.
    const run = await finishWithin(spawnCli(['start'], { ...h.env, SPIKE_HTTP_PORT: '9464', SPIKE_HTTP_HOST: '192.0.2.1' }), 20_000);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^spike-sync: configuration error: SPIKE_HTTP_HOST: cannot listen on "192\.0\.2\.1" \(EADDRNOTAVAIL\)/m);
    expect(h.server.requests).toEqual([]);
  }, 30_000);
});
