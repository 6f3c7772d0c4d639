import { isIP } from 'node:net';
import { ConfigError } from './lib/errors.js';
import { SPIKE_ID } from './lib/ids.js';
import { parseDuration } from './lib/duration.js';
import { DEFAULT_MAX_RESPONSE_BYTES, parseByteSize } from './lib/byte-size.js';
import { checkSchemaName, postgresStore, type StoreConfig } from './db/index.js';

export { ConfigError };

export interface Config {
  readonly apiKey: string;
  readonly apiUrl: string;
  /** PostgreSQL when DATABASE_URL is set, else the SQLite file at SPIKE_DB_PATH. */
  readonly store: StoreConfig;
  /** The PostgreSQL schema (SPIKE_DB_SCHEMA), also for a store chosen with --database-url. */
  readonly dbSchema: string;
  readonly teams: readonly string[] | null;
  readonly syncCron: string;
  readonly logLevel: string;
  readonly incidentLookbackMs: number;
  readonly fullSyncIntervalMs: number;
  /** How often services, integrations and escalation policies are read again (SPIKE_CATALOG_INTERVAL). */
  readonly catalogIntervalMs: number;
  /** How often on-call shifts and overrides are read again (SPIKE_ONCALL_INTERVAL). */
  readonly oncallIntervalMs: number;
  /** How far back the first sync reconstructs past shifts (SPIKE_ONCALL_BACKFILL). */
  readonly oncallBackfillMs: number;
  /** Activity logs of incidents resolved within this span are read (SPIKE_ACTIVITY_BACKFILL). */
  readonly activityBackfillMs: number;
  readonly httpTimeoutMs: number;
  readonly httpRetries: number;
  readonly maxRps: number;
  readonly maxRequestsPerRun: number | null;
  readonly monthlyRequestBudget: number | null;
  readonly pageConcurrency: number;
  /** A response body larger than this is aborted while it streams. */
  readonly maxResponseBytes: number;
  /** Port of `start`'s metrics and health server (SPIKE_HTTP_PORT); null: no server (the variable set to 0). */
  readonly httpPort: number | null;
  /** Address that server listens on (SPIKE_HTTP_HOST): this machine only unless set. */
  readonly httpHost: string;
  /** A team whose last complete sync is older than this makes `/readyz` fail (SPIKE_STALE_AFTER); null: 3 × the cron interval. */
  readonly staleAfterMs: number | null;
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates every variable once; the first bad one stops the program with a ConfigError. */
export function loadConfig(env: Env, options: { requireApiKey?: boolean } = {}): Config {
  const apiKey = parseApiKey(env, options.requireApiKey !== false);
  const dbSchema = text(env, 'SPIKE_DB_SCHEMA') ?? 'public';
  const databaseUrl = text(env, 'DATABASE_URL');
  return Object.freeze({
    apiKey,
    apiUrl: parseUrl(env, 'SPIKE_API_URL', 'https://api.spike.sh'),
    store: databaseUrl ? postgresStore(databaseUrl, 'DATABASE_URL', dbSchema) : sqliteStore(text(env, 'SPIKE_DB_PATH') ?? './data/spike.db', dbSchema),
    dbSchema,
    teams: parseTeams(env),
    syncCron: parseCron(env, 'SPIKE_SYNC_CRON', '*/15 * * * *'),
    logLevel: parseChoice(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    incidentLookbackMs: parseSpan(env, 'SPIKE_INCIDENT_LOOKBACK', '1h'),
    fullSyncIntervalMs: parseSpan(env, 'SPIKE_FULL_SYNC_INTERVAL', '24h'),
    catalogIntervalMs: parseSpan(env, 'SPIKE_CATALOG_INTERVAL', '6h'),
    oncallIntervalMs: parseSpan(env, 'SPIKE_ONCALL_INTERVAL', '1h'),
    oncallBackfillMs: parseSpan(env, 'SPIKE_ONCALL_BACKFILL', '30d'),
    activityBackfillMs: parseSpan(env, 'SPIKE_ACTIVITY_BACKFILL', '30d'),
    httpTimeoutMs: parseSpan(env, 'SPIKE_HTTP_TIMEOUT', '30s'),
    httpRetries: parseInteger(env, 'SPIKE_HTTP_RETRIES', 4, 0, 10),
    maxRps: parseRate(env, 'SPIKE_MAX_RPS', 10),
    maxRequestsPerRun: parseOptionalInteger(env, 'SPIKE_MAX_REQUESTS_PER_RUN', 1),
    monthlyRequestBudget: parseOptionalInteger(env, 'SPIKE_MONTHLY_REQUEST_BUDGET', 1),
    pageConcurrency: parseInteger(env, 'SPIKE_PAGE_CONCURRENCY', 4, 1, 16),
    maxResponseBytes: parseBytes(env, 'SPIKE_MAX_RESPONSE_BYTES', DEFAULT_MAX_RESPONSE_BYTES),
    httpPort: parseHttpPort(env, 'SPIKE_HTTP_PORT', DEFAULT_HTTP_PORT),
    httpHost: parseHost(env, 'SPIKE_HTTP_HOST', '127.0.0.1'),
    staleAfterMs: text(env, 'SPIKE_STALE_AFTER') === undefined ? null : parseSpan(env, 'SPIKE_STALE_AFTER', '45m'),
  });
}

/** SQLite has no schemas; SPIKE_DB_SCHEMA is still checked, so a typo fails now and not on the move to PostgreSQL. */
function sqliteStore(path: string, schema: string): StoreConfig {
  checkSchemaName(schema);
  return { kind: 'sqlite', path };
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

const MIN_KEY_LENGTH = 16;
const MAX_KEY_LENGTH = 512;

/**
 * The key goes into a header on every request: a newline or a non-ASCII character (a paste from a
 * document) must stop the program here, not on the first request. The key itself is never quoted.
 */
function parseApiKey(env: Env, required: boolean): string {
  const key = text(env, 'SPIKE_API_KEY') ?? '';
  if (required && !key) throw new ConfigError('SPIKE_API_KEY', 'is required (the organisation API key from Spike → Settings → API)');
  if (/\s/.test(key)) throw new ConfigError('SPIKE_API_KEY', 'must not contain spaces, tabs or line breaks (check how it was pasted)');
  if (!/^[\x21-\x7e]*$/.test(key)) throw new ConfigError('SPIKE_API_KEY', 'must be printable ASCII only; it contains a control or non-ASCII character (check how it was pasted)');
  if (key.length > MAX_KEY_LENGTH) throw new ConfigError('SPIKE_API_KEY', `is ${key.length} characters long, more than ${MAX_KEY_LENGTH}; is it the API key?`);
  // Every text from Spike is scrubbed of the key: a key short enough to occur in ordinary text ("e") would corrupt them all.
  if (key && key.length < MIN_KEY_LENGTH) throw new ConfigError('SPIKE_API_KEY', `is ${key.length} characters long, fewer than ${MIN_KEY_LENGTH}; is it the API key?`);
  return key;
}

function parseUrl(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `must be an http(s) URL such as ${fallback}; got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must be an http(s) URL such as ${fallback}; got "${value}"`);
  }
  return url.toString().replace(/\/+$/, '');
}

function parseTeams(env: Env): string[] | null {
  const value = text(env, 'SPIKE_TEAMS');
  if (!value) return null;
  const ids = value.split(',').map((id) => id.trim()).filter(Boolean);
  // Only commas: syncing no team at all is never what was meant, and every run would report ok having done nothing.
  if (ids.length === 0) throw new ConfigError('SPIKE_TEAMS', `names no team id ("${value}"); leave it unset to sync every team`);
  const bad = ids.find((id) => !SPIKE_ID.test(id));
  if (bad !== undefined) {
    throw new ConfigError('SPIKE_TEAMS', `must be comma-separated 24-hex team ids (the team _id, not its slug); got "${bad}"`);
  }
  return [...new Set(ids)];
}

/** Shape check only (5 or 6 fields); the scheduler validates the expression fully before it starts. */
function parseCron(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  const fields = value.split(/\s+/);
  if (fields.length < 5 || fields.length > 6 || fields.some((f) => !/^[\d*/,\-A-Za-z?LW#]+$/.test(f))) {
    throw new ConfigError(name, `must be a cron expression with 5 or 6 fields such as "${fallback}"; got "${value}"`);
  }
  return value;
}

/** 9464, the port OpenTelemetry's Prometheus exporter listens on by default; 0 turns the server off. */
const DEFAULT_HTTP_PORT = 9464;

function parseHttpPort(env: Env, name: string, fallback: number): number | null {
  const port = parseInteger(env, name, fallback, 0, 65_535);
  return port === 0 ? null : port;
}

/**
 * An IP address or a host name, as `listen` takes it: a URL or a host with a port is a common slip that would
 * otherwise fail later with a resolver error.
 */
function parseHost(env: Env, name: string, fallback: string): string {
  const value = text(env, name) ?? fallback;
  const hostName = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (isIP(value) === 0 && !hostName.test(value)) {
    throw new ConfigError(name, `must be an IP address or a host name to listen on, such as 127.0.0.1, 0.0.0.0 or ::; got "${value}"`);
  }
  return value;
}

function parseChoice(env: Env, name: string, choices: string[], fallback: string): string {
  const value = (text(env, name) ?? fallback).toLowerCase();
  if (!choices.includes(value)) throw new ConfigError(name, `must be one of ${choices.join(', ')}; got "${value}"`);
  return value;
}

function parseSpan(env: Env, name: string, fallback: string): number {
  const value = text(env, name) ?? fallback;
  const ms = parseDuration(value);
  if (ms === null || ms <= 0) throw new ConfigError(name, `must be a duration such as ${fallback}, 30m or 7d; got "${value}"`);
  return ms;
}

function parseOptionalInteger(env: Env, name: string, min: number): number | null {
  return text(env, name) === undefined ? null : parseInteger(env, name, 0, min, Number.MAX_SAFE_INTEGER);
}

function parseRate(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new ConfigError(name, `must be a number of requests per second (0 turns the cap off); got "${value}"`);
  return n;
}

/** From 64 KiB (a page of 100 incidents is about 150 KB) to 256 MiB (past ~512 MB a body cannot even become a string). */
const MIN_RESPONSE_BYTES = 64 * 1024;
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

function parseBytes(env: Env, name: string, fallback: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const bytes = parseByteSize(value);
  if (bytes === null || bytes < MIN_RESPONSE_BYTES || bytes > MAX_RESPONSE_BYTES) {
    throw new ConfigError(name, `must be a size from 64KiB to 256MiB, in bytes or with a unit such as 64MB or 64MiB; got "${value}"`);
  }
  return bytes;
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(name, `must be a whole number ${range}; got "${value}"`);
  }
  return n;
}
