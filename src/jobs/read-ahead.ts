import { InFlight, type Fetched } from '../lib/in-flight.js';

/**
 * Most fetches (pages, logs) committed in one transaction. Each commit rewrites every index page its rows touch and
 * incident rows land all over the duration and status indexes: fewer, larger commits write less.
 */
export const MAX_FETCHES_PER_COMMIT = 10;

/**
 * Yields each of `items` with the outcome of `fetch` for it, in order, with up to `concurrency` fetches in flight
 * at once, also while the caller processes the one yielded, so their latencies overlap and the caller's own work
 * hides behind them too; with 1, one after the other. A fetch that failed is yielded as failed when its turn
 * comes, for the caller to judge.
 * However the walk ends, no fetch outlives it: one that stops early abandons those in flight (their signal aborts,
 * and one not sent yet never is) and waits for them to end.
 */
export async function* readAhead<T, R>(items: readonly T[], fetch: (item: T, signal: AbortSignal) => Promise<R>, concurrency: number): AsyncGenerator<Fetched<T, R>> {
  for await (const group of readAheadTogether(items, fetch, concurrency, 1)) yield* group;
}

/**
 * readAhead, yielding the fetches that have ended by the time the caller asks together (at least one, at most
 * `most`), so a caller slower than the fetches handles several at once. Those in the caller's hands count against
 * `concurrency`: no more are sent than with one at a time, and no more are lost when the process dies.
 */
export async function* readAheadTogether<T, R>(
  items: readonly T[],
  fetch: (item: T, signal: AbortSignal) => Promise<R>,
  concurrency: number,
  most: number,
): AsyncGenerator<Fetched<T, R>[]> {
  const inFlight = new InFlight(fetch);
  let next = 0;
  const fillTo = (count: number) => {
    for (; inFlight.size < count && next < items.length; next++) inFlight.send(items[next] as T);
  };
  let ended = false;
  try {
    // In flight beside the one being processed; with 1, none.
    const ahead = concurrency > 1 ? concurrency : 0;
    // One alone first: a queue of one costs one request, and a first failure is seen before more go out.
    fillTo(1);
    while (inFlight.size > 0) {
      const group = await inFlight.take(most);
      fillTo(ahead + 1 - group.length);
      yield group;
      // The group is handled: back to `concurrency` in flight, before waiting for the next.
      fillTo(Math.max(1, ahead));
    }
    ended = true;
  } finally {
    if (!ended) await inFlight.settle({ abandon: true });
  }
}
