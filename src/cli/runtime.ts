import { loadConfig, type Config } from '../config.js';
import { readEnv, type CliIo } from './io.js';

export type { CliIo };
import { openStore, type Store } from '../db/index.js';
import { requestCapFor } from '../jobs/request-budget.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createLogger, type Logger } from '../lib/logger.js';
import { createScrubber, type Scrubber } from '../lib/scrub.js';
import type { SyncDeps, SyncSettings } from '../jobs/context.js';
import { createSpikeClient, type SpikeClient } from '../spike/index.js';
import { warnIfClearText } from './clear-text.js';
import { createProgressReporter } from './progress.js';
import { runSettings } from './run-settings.js';

/** JSON lines on the command's stderr; human-readable lines when that is a terminal. Secrets `scrub` knows never show. */
export function makeLogger(config: Pick<Config, 'logLevel'>, io: CliIo, scrub?: Scrubber): Logger {
  const pretty = io.stderr.isTTY === true;
  return createLogger({ level: config.logLevel, pretty, destination: pretty ? undefined : io.stderr, scrub });
}

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  client: SpikeClient;
  clock: Clock;
  close(): Promise<void>;
}

/** Composition root for the commands that talk to Spike: config, logger, store, client. */
export async function openRuntime(io: CliIo, overrides: Partial<Pick<Config, 'store' | 'apiUrl' | 'apiKey' | 'maxRps'>> = {}): Promise<Runtime> {
  const config = loadConfig(readEnv(io), { requireApiKey: overrides.apiKey === undefined });
  const effective: Config = Object.freeze({ ...config, ...overrides });
  // One scrubber for the logger and the client, so a secret learnt later is hidden from both.
  const scrub = createScrubber([effective.apiKey]);
  const logger = makeLogger(effective, io, scrub);
  warnIfClearText(effective.apiUrl, logger);
  const store = await openStore(effective.store);
  const client = spikeClientFor(effective, logger, scrub);
  return {
    config: effective,
    logger,
    store,
    client,
    clock: systemClock,
    async close() {
      await client.close();
      await store.close();
    },
  };
}

/** The API client as the configuration describes it; `scrub` is the logger's, so a secret it learns is hidden from both. */
export function spikeClientFor(config: Config, logger: Logger, scrub: Scrubber): SpikeClient {
  return createSpikeClient({
    baseUrl: config.apiUrl,
    apiKey: config.apiKey,
    timeoutMs: config.httpTimeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    logger,
    retry: { retries: config.httpRetries },
    maxRps: config.maxRps,
    scrub,
  });
}

export function syncDeps(runtime: Runtime, io: CliIo, signal: AbortSignal): SyncDeps {
  return {
    client: runtime.client,
    store: runtime.store,
    clock: runtime.clock,
    logger: runtime.logger,
    signal,
    onProgress: io.stderr.isTTY ? createProgressReporter(io.stderr) : undefined,
  };
}

/** Settings of one run; its request cap comes from the per-run and monthly budgets and this month's spending. */
export async function syncSettings(runtime: Runtime, options: { full?: boolean; teams?: string[]; spread?: boolean; tickStartedAt?: Date }): Promise<SyncSettings> {
  const { config } = runtime;
  const budgets = { now: runtime.clock.now(), perRun: config.maxRequestsPerRun, monthly: config.monthlyRequestBudget, spread: options.spread === true };
  return runSettings(config, {
    teams: options.teams && options.teams.length > 0 ? options.teams : config.teams,
    full: options.full === true,
    requestCap: await requestCapFor(runtime.store, budgets),
    tickStartedAt: options.tickStartedAt,
  });
}
