import { DAY_MS } from '../../lib/duration.js';
import { MONTH_MS, projectMonth, type MonthInput } from './month.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/** Schedules a plan may suggest, most frequent first: steps that divide an hour or a day, so each is one plain cron expression. */
export const CANDIDATE_STEPS_MS: readonly number[] = [
  ...[5, 10, 15, 20, 30].map((m) => m * MINUTE_MS),
  ...[1, 2, 3, 4, 6, 8, 12].map((h) => h * HOUR_MS),
  DAY_MS,
];

/** Full-sync intervals a plan may suggest, shortest first. */
export const CANDIDATE_FULL_SYNC_MS: readonly number[] = [1, 2, 3, 7, 14, 30].map((d) => d * DAY_MS);

/** The cron expression that starts a run every `stepMs`, one of CANDIDATE_STEPS_MS. */
export function cronForStep(stepMs: number): string {
  if (stepMs < HOUR_MS) return `*/${stepMs / MINUTE_MS} * * * *`;
  if (stepMs === HOUR_MS) return '0 * * * *';
  if (stepMs < DAY_MS) return `0 */${stepMs / HOUR_MS} * * *`;
  return '0 0 * * *';
}

/** Runs every `stepMs` for a month from `from`. */
export function evenFirings(from: number, stepMs: number): number[] {
  const firings: number[] = [];
  for (let at = from; at < from + MONTH_MS; at += stepMs) firings.push(at);
  return firings;
}

/**
 * The most frequent schedule among CANDIDATE_STEPS_MS whose month, priced as projectMonth prices it, stays within
 * `budget`; null when none does (the first run alone may be over it, such as a large backfill).
 */
export function fittingStep(input: MonthInput, budget: number): number | null {
  const from = input.firings[0];
  if (from === undefined) return null;
  return firstFitting(CANDIDATE_STEPS_MS, (step) => projectMonth({ ...input, firings: evenFirings(from, step), allFirings: true }, { stopAbove: budget }).requests <= budget);
}

/**
 * The shortest full-sync interval among CANDIDATE_FULL_SYNC_MS, longer than the configured one, under which a month
 * at the configured schedule stays within `budget`; null when none does (the runs cost too much without full reads).
 */
export function fittingFullSyncInterval(input: MonthInput, budget: number): number | null {
  const longer = CANDIDATE_FULL_SYNC_MS.filter((interval) => interval > input.settings.fullSyncIntervalMs);
  return firstFitting(longer, (interval) => projectMonth({ ...input, settings: { ...input.settings, fullSyncIntervalMs: interval } }, { stopAbove: budget }).requests <= budget);
}

/**
 * The first candidate that `fits`, by bisection: a month costs less the rarer the runs or the full reads, so once one
 * fits, those after it do too. Each month priced is a simulation of every run in it, hence the few tries. What it
 * returns was priced and fits, whatever the shape of the costs.
 */
function firstFitting(candidates: readonly number[], fits: (candidate: number) => boolean): number | null {
  const last = candidates[candidates.length - 1];
  if (last === undefined || !fits(last)) return null;
  let low = 0;
  let high = candidates.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(candidates[middle]!)) high = middle;
    else low = middle + 1;
  }
  return candidates[low] ?? null;
}
