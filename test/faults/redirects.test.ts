import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/logger.js';
import { createScrubber } from '../../src/lib/scrub.js';
import { SpikeRedirectError, createSpikeClient } from '../../src/spike/index.js';
import { describeLocation } from '../../src/spike/redirect.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { useMisbehavingServers } from '../helpers/cli-run.js';
import { API_KEY, useHarness } from '../helpers/harness.js';
import { redirectTo } from '../helpers/misbehaving-server.js';
import { SMALL_ORG } from './fault-kit.js';

const startHarness = useHarness();
const startFront = useMisbehavingServers();
const noSecrets = createScrubber();

describe('a redirect', () => {
  it('fails the request naming where it pointed, without its query, and is never followed', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const elsewhere = await startFront(harness.server.url);
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/orgs/members', act: redirectTo(`${elsewhere.url}/v2/orgs/members?signature=s3cr3t-token`, 301) });
    const env = { ...harness.env, SPIKE_API_URL: front.url, LOG_LEVEL: 'warn' };

    const run = await finishWithin(spawnCli(['sync'], env), 30_000);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `spike-sync: organisation users: GET /orgs/members answered HTTP 301 redirecting to "${elsewhere.url}/v2/orgs/members" (query and credentials not shown); redirects are not followed (the API key would go with them): set SPIKE_API_URL to the address that answers directly`,
    );
    expect(run.stderr + run.stdout).not.toContain('s3cr3t-token');
    expect(front.seen('/orgs/members')).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  }, 40_000);

  it('never shows the key when the Location quotes it in its path', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/orgs/members', act: redirectTo(`https://evil.example/${API_KEY}/login`, 302) });
    const env = { ...harness.env, SPIKE_API_URL: front.url, LOG_LEVEL: 'trace' };

    const run = await finishWithin(spawnCli(['sync'], env), 30_000);
    const status = await finishWithin(spawnCli(['status', '--format', 'json'], env), 30_000);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('redirecting to "https://evil.example/[redacted]/login"');
    expect(run.stderr + run.stdout + status.stdout + status.stderr).not.toContain(API_KEY);
    expect(status.stdout).toContain('[redacted]');
  }, 40_000);

  it('a relative Location is resolved against the request; the error is not retried', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const front = await startFront(harness.server.url);
    front.rules.push({ path: '/teams/get-all-teams', act: redirectTo('/login?next=%2Fteams', 302) });
    const client = createSpikeClient({ baseUrl: front.url, apiKey: API_KEY, timeoutMs: 5000, logger: silentLogger(), retry: { retries: 3, minDelayMs: 1, maxDelayMs: 5 } });
    try {
      const error = await client.get('/teams/get-all-teams').catch((err: unknown) => err);
      expect(error).toBeInstanceOf(SpikeRedirectError);
      expect((error as Error).message).toMatch(new RegExp(`^GET /teams/get-all-teams answered HTTP 302 redirecting to "${front.url}/login" \\(query and credentials not shown\\)`));
    } finally {
      await client.close();
    }
    expect(front.seen('/teams/get-all-teams')).toHaveLength(1);
    expect(front.seen('/login')).toEqual([]);
  });

  it('its body is not read: a redirect whose body never ends fails at once with the redirect error', async () => {
    const harness = await startHarness({ org: SMALL_ORG });
    const front = await startFront(harness.server.url);
    front.rules.push({
      path: '/teams/get-all-teams',
      act: (res, stats) => {
        res.writeHead(302, { location: '/login', 'content-type': 'text/html' });
        res.write('<html><body>Moved');
        stats.bytesSent += 18;
      },
    });
    const client = createSpikeClient({ baseUrl: front.url, apiKey: API_KEY, timeoutMs: 3000, logger: silentLogger(), retry: { retries: 0 } });
    try {
      const error = await client.get('/teams/get-all-teams').catch((err: unknown) => err);
      expect(error).toBeInstanceOf(SpikeRedirectError);
      expect((error as Error).message).toMatch(/^GET \/teams\/get-all-teams answered HTTP 302 redirecting to /);
    } finally {
      await client.close();
    }
    expect(front.seen('/teams/get-all-teams')).toHaveLength(1);
  });
});

describe('describeLocation', () => {
  const from = 'https://api.spike.sh/incidents?page=2';

  it('keeps scheme, host and path; drops credentials, query and fragment', () => {
    expect(describeLocation('https://user:pw@evil.example:8443/a/b?token=x#frag', from, noSecrets)).toBe('"https://evil.example:8443/a/b" (query and credentials not shown)');
    expect(describeLocation('https://api.spike.sh/v2/incidents', from, noSecrets)).toBe('"https://api.spike.sh/v2/incidents"');
  });

  it('shows no control characters and a bounded length', () => {
    for (const raw of ['https://evil.example/\u001b[2J\u009b31m\u202eevil', `https://evil.example/${'a'.repeat(5000)}`, 'http://\u001b[31mhost/']) {
      const shown = describeLocation(raw, from, noSecrets);
      expect(shown).not.toMatch(/[\p{Cc}\u202e]/u);
      expect(shown.length).toBeLessThanOrEqual(260);
    }
  });

  it('says so when there is no Location, and shows nothing of one that does not parse', () => {
    expect(describeLocation(undefined, from, noSecrets)).toBe('nowhere (no Location header)');
    expect(describeLocation('http://[::1', from, noSecrets)).toBe('an unparseable Location (11 characters, not shown)');
  });
});
