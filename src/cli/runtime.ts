import { config as loadDotenv } from 'dotenv';
import { loadConfig, type Config, type Env } from '../config.js';
import { createRepositories, openStore, type Repositories } from '../db/index.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createLogger, type Logger } from '../lib/logger.js';
import type { SyncDeps, SyncSettings } from '../jobs/context.js';
import { createSpikeClient, type SpikeClient } from '../spike/index.js';
import { createProgressReporter } from './progress.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Env;
}

export function defaultIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

/** Environment plus `.env` (real variables win), read once at the edge. */
export function readEnv(io: CliIo): Env {
  const merged: Record<string, string | undefined> = { ...io.env };
  loadDotenv({ processEnv: merged as Record<string, string>, quiet: true });
  return merged;
}

/** JSON lines on the command's stderr; human-readable lines when that is a terminal. */
export function makeLogger(config: Pick<Config, 'logLevel'>, io: CliIo): Logger {
  const pretty = io.stderr.isTTY === true;
  return createLogger({ level: config.logLevel, pretty, destination: pretty ? undefined : io.stderr });
}

export interface Runtime {
  config: Config;
  logger: Logger;
  repos: Repositories;
  client: SpikeClient;
  clock: Clock;
  close(): Promise<void>;
}

/** Composition root for the commands that talk to Spike: config, logger, store, client. */
export function openRuntime(io: CliIo, overrides: { dbPath?: string; requireApiKey?: boolean } = {}): Runtime {
  const config = loadConfig(readEnv(io), { requireApiKey: overrides.requireApiKey });
  const effective = overrides.dbPath ? { ...config, dbPath: overrides.dbPath } : config;
  const logger = makeLogger(effective, io);
  const store = openStore(effective.dbPath);
  const client = createSpikeClient({
    baseUrl: effective.apiUrl,
    apiKey: effective.apiKey,
    timeoutMs: effective.httpTimeoutMs,
    logger,
    retry: { retries: effective.httpRetries },
  });
  return {
    config: effective,
    logger,
    repos: createRepositories(store),
    client,
    clock: systemClock,
    async close() {
      await client.close();
      store.close();
    },
  };
}

export function syncDeps(runtime: Runtime, io: CliIo, signal: AbortSignal): SyncDeps {
  return {
    client: runtime.client,
    repos: runtime.repos,
    clock: runtime.clock,
    logger: runtime.logger,
    signal,
    onProgress: io.stderr.isTTY ? createProgressReporter(io.stderr) : undefined,
  };
}

export function syncSettings(config: Config, options: { full?: boolean; teams?: string[] }): SyncSettings {
  return {
    teams: options.teams && options.teams.length > 0 ? options.teams : config.teams,
    full: options.full === true,
    incidentLookbackMs: config.incidentLookbackMs,
    fullSyncIntervalMs: config.fullSyncIntervalMs,
  };
}
