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

const NOT_IN_HAND = Symbol('not in hand');

/** Resolves once the microtasks queued now, and the I/O callbacks already due, have run. */
const nextTurn = () => new Promise<typeof NOT_IN_HAND>((resolve) => setImmediate(resolve, NOT_IN_HAND));

/**
 * Yields what `source` produces in groups: it waits for one value, then takes each further one that is already in
 * hand (read ahead and answered) without waiting, up to `max`. A consumer slower than its source (a store writing
 * pages) then handles several at once; one that keeps up gets them one by one, as soon as each arrives.
 * A failure of the source ends the walk only after the group taken before it has been yielded.
 */
export async function* inHandTogether<T>(source: AsyncIterable<T>, max: number): AsyncGenerator<T[]> {
  const values = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | null = null;
  try {
    for (;;) {
      const first = await (pending ?? values.next());
      pending = null;
      if (first.done) return;
      const group = [first.value];
      let ended = false;
      while (group.length < max) {
        pending = values.next();
        const outcome = await Promise.race([settle(pending), nextTurn()]);
        // Not there yet, or failed: awaited (and thrown) at the top, once this group is handled.
        if (outcome === NOT_IN_HAND || outcome.status === 'rejected') break;
        pending = null;
        if (outcome.value.done) {
          ended = true;
          break;
        }
        group.push(outcome.value.value);
      }
      yield group;
      if (ended) return;
    }
  } finally {
    // Stopped early, the source is closed (its own clean-up runs). A value still awaited is waited for first; its
    // failure is then nobody's to report.
    pending?.catch(() => undefined);
    await values.return?.(undefined);
  }
}
