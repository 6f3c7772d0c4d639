import { afterEach, describe, expect, it, vi } from 'vitest';
import { assertValidCron, startScheduler, type Job, type JobRunContext } from '../../src/jobs/scheduler.js';
import { ConfigError } from '../../src/lib/errors.js';
import { silentLogger } from '../../src/lib/logger.js';

afterEach(() => {
  vi.useRealTimers();
});

function recordingJob(schedule: string): { job: Job; calls: JobRunContext[]; finish: () => void } {
  const calls: JobRunContext[] = [];
  let release: () => void = () => undefined;
  const job: Job = {
    name: 'sync',
    schedule,
    run: (ctx) => {
      calls.push(ctx);
      return new Promise<void>((resolve) => {
        release = resolve;
        ctx.signal.addEventListener('abort', () => resolve());
      });
    },
  };
  return { job, calls, finish: () => release() };
}

describe('scheduler', () => {
  it('runs the job on its cron schedule in UTC, never two at once, and stops cleanly', async () => {
    vi.useFakeTimers({ now: new Date('2026-03-01T10:00:30.000Z') });
    const { job, calls, finish } = recordingJob('*/15 * * * *');
    const scheduler = startScheduler([job], silentLogger());

    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000); // 10:15:30: the 10:15 tick has fired
    expect(calls).toHaveLength(1);
    expect(calls[0]!.trigger).toBe('cron');

    // Still running at the next two ticks: they are skipped, not queued.
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(calls).toHaveLength(1);

    finish();
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(calls).toHaveLength(2);

    const stopping = scheduler.stop();
    await vi.advanceTimersByTimeAsync(0);
    await stopping;
    expect(calls[1]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(calls).toHaveLength(2);
  });

  it('rejects an invalid expression with the variable named', () => {
    expect(() => assertValidCron('*/15 * * * *', 'SPIKE_SYNC_CRON')).not.toThrow();
    expect(() => assertValidCron('0 25 * * *', 'SPIKE_SYNC_CRON')).toThrow(ConfigError);
    expect(() => assertValidCron('0 25 * * *', 'SPIKE_SYNC_CRON')).toThrow(/^SPIKE_SYNC_CRON: "0 25 \* \* \*" is not a valid cron expression/);
  });
});
