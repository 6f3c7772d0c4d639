import { describe, expect, it } from 'vitest';
import { CANDIDATE_STEPS_MS, cronForStep, evenFirings, fittingFullSyncInterval, fittingStep } from '../../src/jobs/plan/fit-budget.js';
import { MONTH_MS, projectMonth, type MonthInput } from '../../src/jobs/plan/month.js';
import { emptyOutlook, steadyOutlook } from '../../src/jobs/plan/outlook.js';
import { secondsFor } from '../../src/jobs/plan/pace.js';
import { assertValidCron, cronFirings } from '../../src/jobs/scheduler.js';
import { fullReadRequests } from '../../src/jobs/stream-costs.js';
import { STREAMS } from '../../src/jobs/streams.js';
import { paginate } from '../../src/spike/index.js';
import { defaultSettings } from '../helpers/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('the price of a full read', () => {
  it.each([0, 1, 99, 100, 101, 250, 300, 1234])('is what paginate sends for a listing of %i incidents, at every page concurrency', async (listed) => {
    for (const concurrency of [1, 2, 4, 8]) {
      let sent = 0;
      const fetchPage = async (page: number, perPage: number) => {
        sent++;
        return Array.from({ length: Math.max(0, Math.min(perPage, listed - (page - 1) * perPage)) }, (_, i) => ({ _id: `${page}:${i}` }));
      };
      for await (const _page of paginate(fetchPage, { concurrency, label: 'test' }));
      // Pages prefetched past the end may still be in flight when the walk ends: let them start.
      await new Promise((resolve) => setImmediate(resolve));
      expect({ concurrency, requests: fullReadRequests(listed, 1, concurrency) }).toEqual({ concurrency, requests: sent });
    }
  });
});

describe('the time of a run', () => {
  it('spaces requests at SPIKE_MAX_RPS, overlaps full-read pages, and needs a pace to tell', () => {
    expect(secondsFor(10, 0, { maxRps: 10, pageConcurrency: 4, meanRequestMs: null })).toBe(1);
    expect(secondsFor(10, 8, { maxRps: 0, pageConcurrency: 4, meanRequestMs: 200 })).toBeCloseTo((2 * 200 + 8 * 50) / 1000);
    // The cap binds when requests are quicker than its spacing.
    expect(secondsFor(10, 8, { maxRps: 10, pageConcurrency: 4, meanRequestMs: 200 })).toBeCloseTo((2 * 200 + 8 * 100) / 1000);
    expect(secondsFor(10, 0, { maxRps: 0, pageConcurrency: 4, meanRequestMs: null })).toBeNull();
  });
});

describe('the schedule of a month', () => {
  it('lists every firing of a schedule within the month, or says it listed only the first', () => {
    const quarter = cronFirings('*/15 * * * *', MONTH_MS);
    expect(quarter).toMatchObject({ all: true });
    expect(quarter.at).toHaveLength(31 * 96);
    expect(cronFirings('*/10 * * * * *', MONTH_MS).all).toBe(false);
  });

  it('suggests only plain expressions that fire at their step', () => {
    for (const step of CANDIDATE_STEPS_MS) {
      const cron = cronForStep(step);
      expect(() => assertValidCron(cron, 'SPIKE_SYNC_CRON')).not.toThrow();
      // Schedules of less than an hour are checked over two hours: listing a month of them is slow.
      const span = step < HOUR ? 2 * HOUR : MONTH_MS;
      const { at } = cronFirings(cron, span);
      expect(at[1]! - at[0]!).toBe(step);
      expect(at).toHaveLength(step < HOUR ? span / step : evenFirings(at[0]!, step).length);
    }
  });
});

describe('a month of runs', () => {
  // One team read in full at the first firing, with 250 incidents and nothing arriving: hourly runs for 31 days.
  const start = Date.parse('2026-12-01T00:00:00.000Z');
  const at = new Date(start).toISOString();
  const justRead = new Map(STREAMS.map((s) => [s.name, at]));
  const team = { ...steadyOutlook(new Date(start)), id: 'team', listed: 250, lastSuccess: justRead };
  const input: MonthInput = {
    outlook: { organisation: emptyOutlook('*', '(organisation)'), teams: [team] },
    trends: new Map(),
    settings: { ...defaultSettings, pageConcurrency: 4 },
    firings: evenFirings(start, HOUR),
    allFirings: true,
  };
  // Every run: 2 organisation requests and 5 for the team. A success is recorded a moment after its run starts, so an
  // interval stream read at one firing is due again one step after its interval: on-call (1 h) at hours 1, 3, 5, …
  // (372 runs × 2), catalogs (6 h) at 6, 13, 20, … (106 × 3), full reads (24 h) at 24, 49, … (29 × 4 pages more).
  const hourly = 744 * 7 + 372 * 2 + 106 * 3 + 29 * 4;

  it('adds up each run as the registry prices it, with interval streams due one step after their interval', () => {
    expect(projectMonth(input)).toEqual({ runs: 744, requests: hourly });
  });

  it('names the most frequent schedule, and the shortest full-sync interval, within a budget', () => {
    expect(fittingStep(input, hourly)).toBe(HOUR);
    expect(fittingStep(input, hourly - 1)).toBe(2 * HOUR);
    // Every other day, full reads fall at hours 48, 97, … (15 of them).
    expect(fittingFullSyncInterval(input, hourly - 29 * 4 + 15 * 4)).toBe(2 * DAY);
    expect(fittingFullSyncInterval(input, 744 * 7)).toBeNull();
  });

  it('a month priced only up to a bound is reported above it once it passes it, whatever the rounding', () => {
    // A resolution a day costs a detail fetch and an activity log, a twelfth of a request per hourly run: totals run fractional.
    const trending = { ...input, trends: new Map([['team', { arrivalsPerDay: 0, resolutionsPerDay: 1 }]]) };
    const whole = projectMonth(trending).requests;
    for (let bound = whole - 60; bound < whole; bound++) expect(projectMonth(trending, { stopAbove: bound }).requests).toBeGreaterThan(bound);
    expect(projectMonth(trending, { stopAbove: whole }).requests).toBe(whole);
    expect(fittingStep(trending, whole - 1)).toBe(2 * HOUR);
  });

  it('scales a schedule listed only in part to the month', () => {
    const half = input.firings.slice(0, 372);
    const scaled = projectMonth({ ...input, firings: half, allFirings: false });
    expect(scaled.runs).toBe(744);
  });
});
