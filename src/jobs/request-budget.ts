import type { Store } from '../db/index.js';

export interface BudgetInput {
  now: Date;
  /** SPIKE_MAX_REQUESTS_PER_RUN. */
  perRun: number | null;
  /** SPIKE_MONTHLY_REQUEST_BUDGET. */
  monthly: number | null;
  /** Requests already spent this calendar month (UTC). */
  usedThisMonth: number;
  /**
   * Scheduled runs spread the month's budget: a run may spend only what has accrued so far
   * (budget × elapsed share of the month − spent). A manual run may spend all that remains.
   */
  spread: boolean;
}

export function monthStartUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

function monthShareElapsed(now: Date): number {
  const start = monthStartUtc(now).getTime();
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return (now.getTime() - start) / (end - start);
}

/**
 * The most requests this run may send, or null for no limit. The monthly allowance accrues
 * linearly, so unused requests carry forward and the month's total never exceeds the budget.
 */
export function planRequestCap(input: BudgetInput): number | null {
  const caps: number[] = [];
  if (input.perRun !== null) caps.push(input.perRun);
  if (input.monthly !== null) {
    const remaining = input.monthly - input.usedThisMonth;
    const accrued = Math.floor(input.monthly * monthShareElapsed(input.now)) - input.usedThisMonth;
    caps.push(Math.max(0, input.spread ? Math.min(remaining, accrued) : remaining));
  }
  return caps.length === 0 ? null : Math.min(...caps);
}

/** The request cap of a run starting `now`, from the budgets and, under a monthly one, what this month has spent so far. */
export async function requestCapFor(store: Store, input: Omit<BudgetInput, 'usedThisMonth'>): Promise<number | null> {
  const usedThisMonth = input.monthly === null ? 0 : await store.ledger.countRequestsSince(monthStartUtc(input.now).toISOString());
  return planRequestCap({ ...input, usedThisMonth });
}
