import { expect, it } from 'vitest';
import { timeSpentMs } from '../../src/jobs/time-spent.js';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
const span = (from: number, to: number) => ({ startedAt: at(from), finishedAt: at(to) });

it('adds up streams one after the other, and counts streams run at once once', () => {
  expect(timeSpentMs([])).toBe(0);
  expect(timeSpentMs([span(0, 2), span(2, 5)])).toBe(5_000);
  // A tier of three at once (one inside another), then the next tier.
  expect(timeSpentMs([span(10, 14), span(0, 3), span(0, 2), span(1, 3), span(3, 4)])).toBe(8_000);
});
