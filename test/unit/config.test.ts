import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = { SPIKE_API_KEY: 'k-123-4567-89abcdef' };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(KEY);
    expect(config).toMatchObject({
      apiKey: 'k-123-4567-89abcdef',
      apiUrl: 'https://api.spike.sh',
      store: { kind: 'sqlite', path: './data/spike.db' },
      dbSchema: 'public',
      teams: null,
      syncCron: '*/15 * * * *',
      logLevel: 'info',
      incidentLookbackMs: 3_600_000,
      fullSyncIntervalMs: 86_400_000,
      catalogIntervalMs: 21_600_000,
      oncallIntervalMs: 3_600_000,
      oncallBackfillMs: 2_592_000_000,
      activityBackfillMs: 2_592_000_000,
      httpTimeoutMs: 30_000,
      httpRetries: 4,
      maxRps: 10,
      maxRequestsPerRun: null,
      monthlyRequestBudget: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      ...KEY,
      SPIKE_API_URL: 'http://127.0.0.1:9999/',
      SPIKE_DB_PATH: '/tmp/x.db',
      SPIKE_TEAMS: '64a1b2c3d4e5f6789012345a, 64a1b2c3d4e5f6789012345b,64a1b2c3d4e5f6789012345a',
      SPIKE_SYNC_CRON: '0 * * * *',
      LOG_LEVEL: 'DEBUG',
      SPIKE_INCIDENT_LOOKBACK: '2h',
      SPIKE_FULL_SYNC_INTERVAL: '7d',
      SPIKE_HTTP_TIMEOUT: '5s',
      SPIKE_HTTP_RETRIES: '0',
      SPIKE_MAX_RPS: '2.5',
      SPIKE_MAX_REQUESTS_PER_RUN: '500',
      SPIKE_MONTHLY_REQUEST_BUDGET: '5000',
    });
    expect(config.maxRps).toBe(2.5);
    expect(config.maxRequestsPerRun).toBe(500);
    expect(config.monthlyRequestBudget).toBe(5000);
    expect(config.apiUrl).toBe('http://127.0.0.1:9999');
    expect(config.teams).toEqual(['64a1b2c3d4e5f6789012345a', '64a1b2c3d4e5f6789012345b']);
    expect(config.logLevel).toBe('debug');
    expect(config.incidentLookbackMs).toBe(7_200_000);
    expect(config.fullSyncIntervalMs).toBe(604_800_000);
    expect(config.httpTimeoutMs).toBe(5000);
    expect(config.httpRetries).toBe(0);
  });

  it.each([
    [{}, 'SPIKE_API_KEY'],
    [{ ...KEY, SPIKE_API_URL: 'ftp://x' }, 'SPIKE_API_URL'],
    [{ ...KEY, SPIKE_API_URL: 'not a url' }, 'SPIKE_API_URL'],
    [{ ...KEY, SPIKE_TEAMS: 'pay' }, 'SPIKE_TEAMS'],
    [{ ...KEY, SPIKE_TEAMS: ' , ,' }, 'SPIKE_TEAMS'],
    [{ ...KEY, SPIKE_SYNC_CRON: 'every minute' }, 'SPIKE_SYNC_CRON'],
    [{ ...KEY, LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ...KEY, SPIKE_INCIDENT_LOOKBACK: 'soon' }, 'SPIKE_INCIDENT_LOOKBACK'],
    [{ ...KEY, SPIKE_FULL_SYNC_INTERVAL: '0' }, 'SPIKE_FULL_SYNC_INTERVAL'],
    [{ ...KEY, SPIKE_HTTP_RETRIES: '2.5' }, 'SPIKE_HTTP_RETRIES'],
    [{ ...KEY, DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL'],
    [{ ...KEY, DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ ...KEY, DATABASE_URL: 'postgres://localhost/x', SPIKE_DB_SCHEMA: 'a-b' }, 'SPIKE_DB_SCHEMA'],
    [{ ...KEY, SPIKE_DB_SCHEMA: 'drop table' }, 'SPIKE_DB_SCHEMA'],
    [{ ...KEY, SPIKE_MAX_RPS: '-1' }, 'SPIKE_MAX_RPS'],
    [{ ...KEY, SPIKE_MAX_REQUESTS_PER_RUN: '0' }, 'SPIKE_MAX_REQUESTS_PER_RUN'],
    [{ ...KEY, SPIKE_MONTHLY_REQUEST_BUDGET: 'lots' }, 'SPIKE_MONTHLY_REQUEST_BUDGET'],
  ])('names the bad variable (%j)', (env, variable) => {
    const err = errorOf(env as Record<string, string>);
    expect(err.variable).toBe(variable);
    expect(err.message.startsWith(`${variable}: `)).toBe(true);
    expect(err.message).not.toContain('\n');
  });

  it.each([
    ['a line break', 'sk-live-1234\nabcd', /must not contain spaces, tabs or line breaks/],
    ['a space inside', 'sk-live-1234 abcd', /must not contain spaces/],
    ['a non-ASCII character', 'sk-live-1234\u2603abcd', /must be printable ASCII only/],
    ['a Latin-1 character undici would send', 'sk-live-1234\u00e9abcd', /must be printable ASCII only/],
    ['a control character', 'sk-live-1234\u0000abcd', /must be printable ASCII only/],
    ['an absurd length', 'k'.repeat(513), /is 513 characters long, more than 512/],
    ['a length short enough to occur in ordinary text', 'kkkkk', /is 5 characters long, fewer than 16/],
  ])('refuses a key with %s, without quoting it', (_, key, problem) => {
    const err = errorOf({ SPIKE_API_KEY: key });
    expect(err.variable).toBe('SPIKE_API_KEY');
    expect(err.message).toMatch(problem);
    expect(err.message).not.toContain('sk-live');
    expect(err.message).not.toContain('kkkk');
  });

  it('lets demo-like callers skip the key', () => {
    expect(loadConfig({}, { requireApiKey: false }).apiKey).toBe('');
  });
});

describe('SPIKE_MAX_RESPONSE_BYTES', () => {
  it('defaults to 64 MiB', () => {
    expect(loadConfig(KEY).maxResponseBytes).toBe(64 * 1024 * 1024);
  });

  it.each([
    ['1048576', 1_048_576],
    ['64MiB', 64 * 1024 * 1024],
    ['64 MB', 64_000_000],
    ['500kb', 500_000],
    ['1.5MiB', 1_572_864],
  ])('reads %s as %i bytes', (value, bytes) => {
    expect(loadConfig({ ...KEY, SPIKE_MAX_RESPONSE_BYTES: value }).maxResponseBytes).toBe(bytes);
  });

  it.each(['lots', '-1', '0', '1000', '1GiB', '64 MB extra'])('rejects %s with one line naming the variable', (value) => {
    const err = errorOf({ ...KEY, SPIKE_MAX_RESPONSE_BYTES: value });
    expect(err.variable).toBe('SPIKE_MAX_RESPONSE_BYTES');
    expect(err.message).toBe(`SPIKE_MAX_RESPONSE_BYTES: must be a size from 64KiB to 256MiB, in bytes or with a unit such as 64MB or 64MiB; got "${value}"`);
  });

  it('chooses PostgreSQL when DATABASE_URL is set, in SPIKE_DB_SCHEMA', () => {
    expect(loadConfig({ ...KEY, DATABASE_URL: 'postgresql://u:p@db:5432/spike?sslmode=require', SPIKE_DB_SCHEMA: 'spike' }).store).toEqual({
      kind: 'postgres', url: 'postgresql://u:p@db:5432/spike?sslmode=require', schema: 'spike', source: 'DATABASE_URL',
    });
  });

  it('never prints the password of a URL it refuses', () => {
    const err = errorOf({ ...KEY, DATABASE_URL: 'mysql://admin:hunter2-secret@db/x' });
    expect(err.message).toBe('DATABASE_URL: must be a postgres:// or postgresql:// URL, not "mysql:": mysql://admin:***@db/x');
  });
});
