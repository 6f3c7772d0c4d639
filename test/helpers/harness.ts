import { afterEach } from 'vitest';
import { generateOrg, type GenerateOrgOptions } from '../../src/demo/generator.js';
import { startSimServer, type SimServer, type SimServerOptions } from '../../src/demo/server.js';
import type { Store } from '../../src/db/index.js';
import type { SqliteHandle } from '../../src/db/sqlite/index.js';
import type { Clock } from '../../src/lib/clock.js';
import { silentLogger, type Logger } from '../../src/lib/logger.js';
import type { SyncDeps, SyncSettings } from '../../src/jobs/context.js';
import { runSync, type RunResult } from '../../src/jobs/run-sync.js';
import { createSpikeClient, type RetryPolicy, type Sleep } from '../../src/spike/index.js';
import { createStoreReads, type StoreReads } from './store-reads.js';
import { createStoreUnderTest, type StoreUnderTest } from './store-under-test.js';
import type { StoreKind } from './stores.js';
import { useTempDir } from './tmp.js';

export const API_KEY = 'sk-test-9f8e7d6c5b4a';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at);
  }
  set(at: Date | string): void {
    this.at = new Date(at);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** Assertions (`query`, `one`, `value`, `count`) read through the store port, on whichever store the harness uses. */
export interface Harness extends StoreReads {
  server: SimServer;
  storeKind: StoreKind;
  /** Where the store is: a SQLite path, or a PostgreSQL URL and schema. */
  dbPath: string;
  /** The store's own description, with the command-line options that name it. */
  target: StoreUnderTest;
  clock: ManualClock;
  env: Record<string, string>;
  sync(settings?: Partial<SyncSettings>, options?: SyncOptions): Promise<RunResult>;
  /** The store in write mode, for a test that drives a job itself; the caller closes it. */
  openStore(): Promise<Store>;
  /** SQLite's own connection to the store file, for tests about SQLite itself; closed by `close()`. */
  sqliteFile(): SqliteHandle;
  close(): Promise<void>;
}

/** How a test's sync differs from the default one: a stop signal, a logger to inspect, another client, a prepared connection. */
export interface SyncOptions {
  signal?: AbortSignal;
  logger?: Logger;
  client?: { timeoutMs?: number; retry?: Partial<RetryPolicy>; sleep?: Sleep };
  /** SQLite only: runs on the sync's own connection before the run, e.g. to set a per-connection pragma. */
  prepareStore?: (handle: SqliteHandle) => void;
  /** Another store to sync into, against the same simulated API and clock; the caller closes it. */
  store?: Store;
  onStreamRecorded?: SyncDeps['onStreamRecorded'];
  onProgress?: SyncDeps['onProgress'];
}

export const defaultSettings: SyncSettings = {
  teams: null,
  full: false,
  incidentLookbackMs: 3_600_000,
  fullSyncIntervalMs: 86_400_000,
  catalogIntervalMs: 6 * 3_600_000,
  oncallIntervalMs: 3_600_000,
  oncallBackfillMs: 30 * 86_400_000,
  activityBackfillMs: 30 * 86_400_000,
  requestCap: null,
  openSetFirst: false,
  // Exact request counts are asserted throughout; prefetching is tested on its own.
  pageConcurrency: 1,
};

/** The simulated Spike API on port 0 and a real store; `sync()` runs the real job against both. */
export interface HarnessOptions {
  /** Which store to sync into; SQLite unless a suite runs on each store (`describeEachStore`). */
  store?: StoreKind;
  org?: GenerateOrgOptions;
  server?: Partial<SimServerOptions>;
  now?: Date;
}

export async function startHarness(dir: string, options: HarnessOptions = {}): Promise<Harness> {
  const org = generateOrg({ seed: 7, teams: 3, incidentsPerTeam: [250, 200, 0], ...options.org });
  const server = await startSimServer({ org, apiKey: API_KEY, ...options.server });
  const target = createStoreUnderTest(options.store ?? 'sqlite', dir);
  const reads = createStoreReads(() => target.open('read'));
  const clock = new ManualClock(options.now ?? new Date('2026-11-20T12:00:00.000Z'));
  const opened: SqliteHandle[] = [];
  return {
    ...reads,
    server,
    storeKind: target.kind,
    dbPath: target.location,
    target,
    clock,
    env: { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: server.url, ...target.env, LOG_LEVEL: 'silent', SPIKE_MAX_RPS: '0' },
    async sync(settings = {}, runOptions = {}) {
      const store = runOptions.store ?? (await target.openForSync(runOptions.prepareStore));
      const logger = runOptions.logger ?? silentLogger();
      const overrides = runOptions.client ?? {};
      const client = createSpikeClient({
        baseUrl: server.url,
        apiKey: API_KEY,
        timeoutMs: overrides.timeoutMs ?? 5000,
        logger,
        retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5, ...overrides.retry },
        sleep: overrides.sleep,
      });
      try {
        const deps = { client, store, clock, logger, signal: runOptions.signal ?? new AbortController().signal, onStreamRecorded: runOptions.onStreamRecorded, onProgress: runOptions.onProgress };
        return await runSync(deps, { ...defaultSettings, ...settings }, 'cli');
      } finally {
        await client.close();
        if (!runOptions.store) await store.close();
      }
    },
    openStore: () => target.openForSync(),
    sqliteFile() {
      const handle = target.sqliteFile();
      opened.push(handle);
      return handle;
    },
    async close() {
      await reads.close();
      for (const store of opened) store.close();
      await server.close();
      await target.dispose();
    },
  };
}

/** Requests the server saw since `from`, as `METHOD path` strings. */
export function requestsSince(server: SimServer, from: number): string[] {
  return server.requests.slice(from).map((r) => `${r.method} ${r.path}`);
}

/**
 * For a test file: returns a `startHarness` that needs no folder, and closes every harness it
 * started after each test.
 */
export function useHarness(store: StoreKind = 'sqlite'): (options?: HarnessOptions) => Promise<Harness> {
  const tempDir = useTempDir();
  const started: Harness[] = [];
  afterEach(async () => {
    for (const harness of started.splice(0)) await harness.close();
  });
  return async (options) => {
    const harness = await startHarness(tempDir(), { store, ...options });
    started.push(harness);
    return harness;
  };
}
