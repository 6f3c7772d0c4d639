/** An item, with how its fetch ended. */
export type Fetched<T, R> = [item: T, outcome: PromiseSettledResult<R>];

/**
 * Yields each of `items` with the outcome of `fetch` for it, in order, with up to `concurrency` fetches in flight
 * at once, also while the caller processes the one yielded, so their latencies overlap and the caller's own work
 * hides behind them too; with 1, one after the other. A fetch that failed is yielded as failed when its turn
 * comes, for the caller to judge.
 * However the walk ends, no fetch outlives it: one that stops early abandons those in flight (their signal aborts,
 * and one not sent yet never is) and waits for them to end.
 */
export async function* readAhead<T, R>(items: readonly T[], fetch: (item: T, signal: AbortSignal) => Promise<R>, concurrency: number): AsyncGenerator<Fetched<T, R>> {
  const unwanted = new AbortController();
  const inFlight: { item: T; outcome: Promise<PromiseSettledResult<R>> }[] = [];
  let next = 0;
  const fillTo = (count: number) => {
    for (; inFlight.length < count && next < items.length; next++) {
      const item = items[next] as T;
      inFlight.push({ item, outcome: settle(fetch(item, unwanted.signal)) });
    }
  };
  try {
    const ahead = concurrency > 1 ? concurrency : 0;
    // One alone first: a queue of one costs one request, and a first failure is seen before more go out.
    fillTo(1);
    for (let head = inFlight.shift(); head; head = inFlight.shift()) {
      const outcome = await head.outcome;
      fillTo(ahead);
      yield [head.item, outcome];
      fillTo(1);
    }
  } finally {
    if (inFlight.length > 0) {
      unwanted.abort();
      await Promise.all(inFlight.splice(0).map((f) => f.outcome));
    }
  }
}

/** How `promise` ends, as a value: a failure is then judged where it is awaited, never an unhandled rejection meanwhile. */
export function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
  );
}
