import { describe, expect, it } from 'vitest';
import { monthStartUtc, planRequestCap } from '../../src/jobs/request-budget.js';
import { minimumUsefulRun } from '../../src/jobs/streams.js';
import { createRateLimiter } from '../../src/spike/rate-limit.js';

describe('planRequestCap', () => {
  const mid = new Date('2026-11-16T00:00:00.000Z'); // half of November has passed

  it('is unlimited without budgets, and the per-run cap alone otherwise', () => {
    expect(planRequestCap({ now: mid, perRun: null, monthly: null, usedThisMonth: 0, spread: true })).toBeNull();
    expect(planRequestCap({ now: mid, perRun: 50, monthly: null, usedThisMonth: 999, spread: true })).toBe(50);
  });

  it('lets a scheduled run spend only what has accrued, and a manual run what remains', () => {
    expect(planRequestCap({ now: mid, perRun: null, monthly: 3000, usedThisMonth: 1000, spread: true })).toBe(500);
    expect(planRequestCap({ now: mid, perRun: 100, monthly: 3000, usedThisMonth: 1000, spread: true })).toBe(100);
    expect(planRequestCap({ now: mid, perRun: null, monthly: 3000, usedThisMonth: 1000, spread: false })).toBe(2000);
    expect(planRequestCap({ now: mid, perRun: null, monthly: 3000, usedThisMonth: 2000, spread: true })).toBe(0);
    expect(planRequestCap({ now: mid, perRun: null, monthly: 3000, usedThisMonth: 3500, spread: false })).toBe(0);
  });

  it('never overruns the month, spreading runs across it', () => {
    // A month of 15-minute ticks; each run wants 40 requests (a backfill wants far more at first).
    const budget = 5000;
    let used = 0;
    let runs = 0;
    let firstRunDay = -1;
    let lastRunDay = -1;
    const start = Date.UTC(2026, 10, 1);
    for (let t = start; t < Date.UTC(2026, 11, 1); t += 15 * 60_000) {
      const now = new Date(t);
      const cap = planRequestCap({ now, perRun: null, monthly: budget, usedThisMonth: used, spread: true });
      if (cap === null || cap < minimumUsefulRun(5)) continue;
      const wanted = runs === 0 ? 2000 : 40;
      used += Math.min(cap, wanted);
      runs++;
      const day = now.getUTCDate();
      if (firstRunDay < 0) firstRunDay = day;
      lastRunDay = day;
    }
    expect(used).toBeLessThanOrEqual(budget);
    expect(used).toBeGreaterThan(budget * 0.95);
    expect(firstRunDay).toBe(1);
    expect(lastRunDay).toBe(30);
    expect(runs).toBeGreaterThan(100);
  });

  it('starts months at midnight UTC on the 1st', () => {
    expect(monthStartUtc(new Date('2026-12-31T23:59:59.000Z')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('rate limiter', () => {
  it('spaces request starts 1/maxRps apart, queuing concurrent callers', async () => {
    let clock = 1000;
    const waits: number[] = [];
    const limiter = createRateLimiter(4, async (ms) => {
      waits.push(ms);
    }, () => clock);
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([250, 500]);
    clock += 2000;
    await limiter.acquire();
    expect(waits).toEqual([250, 500]);
  });

  it('is off at 0', async () => {
    const waits: number[] = [];
    const limiter = createRateLimiter(0, async (ms) => {
      waits.push(ms);
    });
    await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([]);
  });
});
