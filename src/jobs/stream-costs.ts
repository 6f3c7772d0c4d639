import { MAX_PER_PAGE } from '../spike/index.js';
import type { SyncSettings } from './context.js';
import type { ScopeOutlook } from './plan/outlook.js';
import { isFullReadDue } from './sync-incidents.js';
import { MAX_BACKFILL_READS, SHIFT_WINDOW_MS } from './sync-oncall-shifts.js';

/**
 * What each stream costs in one run, in requests, from the scope's outlook: the registry holds one of these beside
 * each stream's `run`, so the request plan, the budget floor and the README's table have one source. Each mirrors
 * what its stream sends when nothing fails (a retry is a request too, and is not foreseen).
 */

export interface CostContext {
  settings: SyncSettings;
  now: Date;
  /** An earlier tier of this run reconciled the team's open set, so the `incidents` stream skips it. */
  openSetDone: boolean;
}

export interface StreamCost {
  requests: number;
  /** Of them, incident pages a full read fetches up to SPIKE_PAGE_CONCURRENCY at a time (the others go one by one). */
  paged: number;
}

export type CostOf = (scope: ScopeOutlook, ctx: CostContext) => StreamCost;

const requests = (n: number): StreamCost => ({ requests: n, paged: 0 });

/** One listing request per run (per team for a team stream). */
export const oneRequest: CostOf = () => requests(1);

/** The two open lists, then one detail fetch per incident that left the open set. */
export const openSetCost: CostOf = (scope) => requests(2 + scope.leftOpenSet);

/** Pages (all of them on a full read, else down to the watermark), plus the open set unless an earlier tier did it. */
export const incidentsCost: CostOf = (scope, ctx) => {
  const openSet = ctx.openSetDone ? 0 : openSetCost(scope, ctx).requests;
  if (!isFullReadDue(scope.incidents, ctx.settings, ctx.now)) return requests(newPagesRead(scope.sinceWatermark) + openSet);
  const paged = fullReadRequests(scope.listed, scope.incidents.resumePage ?? 1, ctx.settings.pageConcurrency);
  return { requests: paged + openSet, paged };
};

/**
 * Newest-first pages until one ends below the watermark minus the lookback: page k ends with the (100·k)-th newest
 * incident, so with `passed` incidents at or above that line the read stops at page ⌊passed / 100⌋ + 1.
 */
export function newPagesRead(passed: number): number {
  return Math.floor(Math.max(0, passed) / MAX_PER_PAGE) + 1;
}

/**
 * Requests of a full read from `startPage` of a listing of `listed` incidents: every page up to the short (or empty)
 * one that ends it, plus the pages prefetched past the end. The first page goes alone; once one came back full,
 * `concurrency - 1` are kept in flight, so a listing longer than one page costs `concurrency - 2` more (see paginate).
 */
export function fullReadRequests(listed: number, startPage: number, concurrency: number): number {
  const endPage = Math.floor(listed / MAX_PER_PAGE) + 1;
  const read = Math.max(1, endPage - startPage + 1);
  return read + (read > 1 ? Math.max(0, concurrency - 2) : 0);
}

/** One read per stored schedule; one without shifts first reconstructs the backfill span, two weeks per read. */
export const shiftsCost: CostOf = (scope, ctx) => requests(scope.schedules + scope.schedulesWithoutShifts * backfillReads(ctx.settings.oncallBackfillMs));

export function backfillReads(backfillMs: number): number {
  return Math.min(MAX_BACKFILL_READS, Math.ceil(backfillMs / SHIFT_WINDOW_MS));
}

/** One read per stored schedule. */
export const overridesCost: CostOf = (scope) => requests(scope.schedules);

/** One request per activity log waiting to be read. */
export const activityCost: CostOf = (scope) => requests(scope.pendingActivity);
