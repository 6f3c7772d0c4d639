import { createTask, validateDetailed, type ScheduledTask } from 'node-cron';
import { ConfigError, describeError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';

export interface JobRunContext {
  trigger: 'cli' | 'cron';
  /** When the tick was scheduled (cron runs only): the same instant for every worker on the same schedule. */
  scheduledAt?: Date;
  /** Aborted when the worker is asked to stop. */
  signal: AbortSignal;
}

/** A job runs the same way from cron and from the `sync` command, so it is testable without cron. */
export interface Job {
  name: string;
  schedule: string;
  run(ctx: JobRunContext): Promise<void>;
}

export interface Scheduler {
  /** Stops the schedules, asks a running job to stop at its next checkpoint and waits for it. */
  stop(): Promise<void>;
  /** Resolves when the job currently running (if any) has finished. */
  idle(): Promise<void>;
}

export function assertValidCron(expression: string, variable: string): void {
  const check = validateDetailed(expression);
  if (!check.valid) {
    const reason = check.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new ConfigError(variable, `"${expression}" is not a valid cron expression (${reason || 'unparseable'})`);
  }
}

/** Occurrences looked at: enough to take in a weekday schedule's weekend and a monthly one's longest month. */
const OCCURRENCES_SAMPLED = 40;

/**
 * The longest gap (ms) between consecutive UTC occurrences of a valid cron expression over its next
 * occurrences: how long a healthy worker may go between two runs (`0 9 * * 1-5` → 3 days, the weekend).
 */
export function cronIntervalMs(expression: string): number {
  // A task that is never started only computes its schedule; destroying it drops it from node-cron's registry.
  const task = createTask(expression, () => undefined, { timezone: 'UTC' });
  try {
    const runs = task.getNextRuns(OCCURRENCES_SAMPLED).map((d) => d.getTime());
    let longest = 0;
    for (let i = 1; i < runs.length; i++) longest = Math.max(longest, runs[i]! - runs[i - 1]!);
    return longest;
  } finally {
    void task.destroy();
  }
}

/**
 * Most firings listed to price a month: enough for a run every 5 minutes (8,928 in 31 days). A schedule with more (every
 * minute, every few seconds) is priced on these and scaled. Each costs node-cron about 0.1 ms to find.
 */
const MAX_FIRINGS_LISTED = 9000;
/** A first, cheap look: most schedules fire fewer times than this in a month. */
const FEW_FIRINGS = 500;

/**
 * The UTC occurrences of a valid cron expression from now, within `spanMs` of the first: `all` is false when
 * there were more than MAX_FIRINGS_LISTED, of which only the first are listed.
 */
export function cronFirings(expression: string, spanMs: number): { at: number[]; all: boolean } {
  const task = createTask(expression, () => undefined, { timezone: 'UTC' });
  try {
    for (const count of [FEW_FIRINGS, MAX_FIRINGS_LISTED]) {
      const runs = task.getNextRuns(count).map((d) => d.getTime());
      const first = runs[0] ?? 0;
      const at = runs.filter((t) => t < first + spanMs);
      if (at.length < runs.length || count === MAX_FIRINGS_LISTED) return { at, all: at.length < runs.length };
    }
    return { at: [], all: true };
  } finally {
    void task.destroy();
  }
}

/**
 * Schedules each job in UTC. A tick that comes while the same job still runs is skipped, not
 * queued: a slow sync must never pile up concurrent runs against one store.
 */
export function startScheduler(jobs: readonly Job[], logger: Logger): Scheduler {
  const controller = new AbortController();
  const running = new Map<string, Promise<void>>();
  const cronLogger = {
    info: (m: string) => logger.debug({ source: 'node-cron' }, m),
    warn: (m: string) => logger.warn({ source: 'node-cron' }, m),
    error: (m: string | Error) => logger.error({ source: 'node-cron' }, String(m)),
    debug: (m: string | Error) => logger.debug({ source: 'node-cron' }, String(m)),
  };
  const tick = (job: Job, scheduledAt: Date): void => {
    if (running.has(job.name)) {
      logger.warn({ job: job.name }, 'previous run still in progress; skipping this tick');
      return;
    }
    const run = job
      .run({ trigger: 'cron', signal: controller.signal, scheduledAt })
      .catch((err: unknown) => logger.error({ job: job.name, err: describeError(err) }, 'scheduled run failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, run);
  };
  const tasks: ScheduledTask[] = jobs.map((job) =>
    createTask(job.schedule, (context) => tick(job, context.date), { name: job.name, timezone: 'UTC', noOverlap: true, logger: cronLogger }),
  );
  for (const task of tasks) void task.start();
  for (const job of jobs) logger.info({ job: job.name, schedule: job.schedule }, 'scheduled (UTC)');
  const idle = async () => {
    await Promise.all([...running.values()]);
  };
  return {
    idle,
    async stop() {
      for (const task of tasks) await task.stop();
      controller.abort();
      await idle();
      for (const task of tasks) await task.destroy();
    },
  };
}
