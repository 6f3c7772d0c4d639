import { openStore, type StreamRecord } from '../../db/index.js';
import type { RunResult } from '../../jobs/run-sync.js';
import { cronIntervalMs } from '../../jobs/scheduler.js';
import { STREAMS, expectedTeamStreams, reportedTeamStreams } from '../../jobs/streams.js';
import { describeError } from '../../lib/errors.js';
import type { Runtime } from '../runtime.js';
import { startMonitoringServer, type Reply } from './http-server.js';
import { watchStore } from './store-watch.js';
import { createSyncMetrics } from './sync-metrics.js';

/** What `start` tells the monitoring as it goes. */
export interface Monitoring {
  /** Set once the schedule runs, cleared when the worker begins to stop: what `/healthz` answers. */
  setAlive(alive: boolean): void;
  streamRecorded(record: StreamRecord): void;
  runFinished(result: RunResult): void;
  runStopped(status: 'failed' | 'interrupted', durationMs: number): void;
  /** After every tick, whatever happened: the store's freshness is read again. */
  tickDone(): void;
  close(): Promise<void>;
}

const NONE: Monitoring = { setAlive: () => undefined, streamRecorded: () => undefined, runFinished: () => undefined, runStopped: () => undefined, tickDone: () => undefined, close: async () => undefined };

/** How often the store's freshness is read between runs: often enough that /readyz turns within a fraction of the stale limit. */
export function refreshPeriodMs(staleAfterMs: number): number {
  return Math.min(15_000, Math.max(1_000, Math.floor(staleAfterMs / 4)));
}

/** SPIKE_STALE_AFTER, or three of the schedule's longest gaps between runs: two missed ticks are not yet a problem. */
export function staleAfterMs(config: Runtime['config']): number {
  return config.staleAfterMs ?? 3 * Math.max(1_000, cronIntervalMs(config.syncCron));
}

/**
 * The metrics and health server of `start` on SPIKE_HTTP_HOST:SPIKE_HTTP_PORT, or nothing when the port is 0.
 * Freshness is read through a second connection opened to read, so a probe never waits for a sync's writes.
 */
export async function openMonitoring(runtime: Runtime): Promise<Monitoring> {
  const { config, logger } = runtime;
  if (config.httpPort === null) return NONE;
  const staleAfter = staleAfterMs(config);
  const metrics = createSyncMetrics({ monthlyBudget: config.monthlyRequestBudget !== null });
  const readStore = await openStore(config.store, { mode: 'read' });
  const watch = watchStore({
    store: readStore,
    teams: config.teams,
    freshnessStreams: expectedTeamStreams(),
    reportedStreams: [...STREAMS.filter((s) => s.scope === 'organisation').map((s) => s.name), ...reportedTeamStreams()],
    staleAfterMs: staleAfter,
    refreshEveryMs: refreshPeriodMs(staleAfter),
    monthlyBudget: config.monthlyRequestBudget,
    metrics,
    clock: runtime.clock,
    logger,
  });
  let alive = false;
  const json = (status: number, body: unknown): Reply => ({ status, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(body)}\n` });
  let server;
  try {
    server = await startMonitoringServer({
      host: config.httpHost,
      port: config.httpPort,
      onError: (err) => logger.warn({ err: describeError(err) }, 'metrics server: a request failed'),
      routes: {
        '/metrics': async () => ({ status: 200, ...(await metrics.render()) }),
        '/healthz': () => json(alive ? 200 : 503, { status: alive ? 'alive' : 'stopping' }),
        '/readyz': () => {
          const readiness = watch.readiness();
          return json(readiness.ready ? 200 : 503, readiness.body);
        },
      },
    });
  } catch (err) {
    await watch.stop();
    await readStore.close();
    throw err;
  }
  logger.info({ host: server.host, port: server.port, staleAfterSeconds: Math.round(staleAfter / 1000) }, 'metrics on /metrics, health on /healthz and /readyz');
  void watch.refresh();
  return {
    setAlive(value) {
      alive = value;
      metrics.setUp(value);
    },
    streamRecorded: (record) => metrics.recordStream(record),
    runFinished: (result) => metrics.recordRun(result),
    runStopped: (status, durationMs) => metrics.recordStoppedRun(status, durationMs),
    tickDone: () => void watch.refresh({ afterRun: true }),
    async close() {
      await server.close();
      await watch.stop();
      await readStore.close();
    },
  };
}
