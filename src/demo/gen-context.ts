import { IdMaker } from './ids.js';
import type { Rng } from './rng.js';

export const DAY_MS = 86_400_000;

/** Everything the generator steps share; created once per generateOrg call. */
export interface GenContext {
  rng: Rng;
  ids: IdMaker;
  /** Epoch ms of "now"; every generated past timestamp is before it. */
  now: number;
  historyDays: number;
  orgCreatedAt: number;
  nextServiceCounter: number;
}

export function createGenContext(rng: Rng, now: number, historyDays: number): GenContext {
  const orgCreatedAt = now - (historyDays + 400) * DAY_MS;
  return { rng, ids: new IdMaker(rng), now, historyDays, orgCreatedAt, nextServiceCounter: 1 };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** A random instant in [from, to), rounded to whole seconds as alerting systems report them. */
export function between(ctx: GenContext, from: number, to: number): number {
  return Math.floor((from + ctx.rng.next() * Math.max(0, to - from)) / 1000) * 1000;
}
