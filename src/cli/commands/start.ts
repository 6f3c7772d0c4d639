import { InterruptedError, isFatal } from '../../jobs/errors.js';
import { runScheduled } from '../../jobs/scheduled-run.js';
import { assertValidCron, startScheduler, type Job } from '../../jobs/scheduler.js';
import { RunLockedError } from '../../db/index.js';
import { describeError } from '../../lib/errors.js';
import { openMonitoring, type Monitoring } from '../monitoring/monitoring.js';
import { openRuntime, syncDeps, syncSettings, type CliIo } from '../runtime.js';
import { onStopSignals } from '../signals.js';
import { createWorkerLease } from '../worker-lease.js';

/**
 * The long-running worker: syncs on SPIKE_SYNC_CRON (UTC) until SIGINT/SIGTERM/SIGHUP, then stops
 * cleanly (exit 0). A rejected key or an unusable store stops it with exit 1: every later run would fail the same way.
 * Metrics and health are served on SPIKE_HTTP_PORT from what each stream and run reports and what the store records.
 */
export async function startCommand(io: CliIo): Promise<number> {
  const runtime = await openRuntime(io);
  const { logger } = runtime;
  const lease = createWorkerLease(runtime, logger);
  let exitCode = 0;
  let requestStop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    requestStop = resolve;
  });
  let monitoring: Monitoring | null = null;
  try {
    assertValidCron(runtime.config.syncCron, 'SPIKE_SYNC_CRON');
    // Before the schedule: a port in use stops the worker before it syncs anything.
    const monitor = (monitoring = await openMonitoring(runtime));
    const job: Job = {
      name: 'sync',
      schedule: runtime.config.syncCron,
      async run({ trigger, signal, scheduledAt }) {
        let startedAt: number | null = null;
        try {
          // Another worker has the store: wait quietly for it to stop.
          if (!(await lease.hold())) return;
          startedAt = runtime.clock.now().getTime();
          const deps = { ...syncDeps(runtime, io, signal), onStreamRecorded: monitor.streamRecorded };
          const outcome = await runScheduled(deps, await syncSettings(runtime, { spread: true, tickStartedAt: scheduledAt }), trigger);
          if (!outcome.ran) {
            logger.info({ allowance: outcome.allowance, needed: outcome.needed }, 'monthly request budget: too little accrued for a useful run; skipping this tick');
            return;
          }
          const { result } = outcome;
          monitor.runFinished(result);
          logger.info({ run: result.runId, status: result.status, requests: result.requests, ms: result.durationMs }, 'run finished');
        } catch (err) {
          // Only a run that started counts: not a stop or a store error while waiting for the lease.
          const ran = (status: 'failed' | 'interrupted') => {
            if (startedAt !== null) monitor.runStopped(status, runtime.clock.now().getTime() - startedAt);
          };
          if (err instanceof InterruptedError) {
            ran('interrupted');
            return;
          }
          if (err instanceof RunLockedError) {
            logger.warn({ pid: err.holder?.pid ?? null }, err.holder ? 'a sync is running on this store; skipping this tick' : `${err.message}; skipping this tick`);
            return;
          }
          ran('failed');
          logger.error({ err: describeError(err) }, 'run failed');
          if (isFatal(err)) {
            exitCode = 1;
            requestStop('fatal error');
          }
        } finally {
          monitor.tickDone();
        }
      },
    };
    const scheduler = startScheduler([job], logger);
    monitor.setAlive(true);
    const removeHandlers = onStopSignals(new AbortController(), (signal) => requestStop(signal));
    const reason = await stopped;
    monitor.setAlive(false);
    logger.info({ reason }, 'stopping: aborting the run in progress, if any');
    await scheduler.stop();
    removeHandlers();
    logger.info('stopped');
    return exitCode;
  } finally {
    await monitoring?.close();
    await lease.release();
    await runtime.close();
  }
}
