/** An item, with how its fetch ended. */
export type Fetched<T, R> = [item: T, outcome: PromiseSettledResult<R>];

/** How `promise` ends, as a value: a failure is then judged where it is awaited, never an unhandled rejection meanwhile. */
export function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
    (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
  );
}

interface Entry<T, R> {
  item: T;
  outcome: Promise<PromiseSettledResult<R>>;
  /** Set once the fetch has ended: known without waiting. */
  arrived: PromiseSettledResult<R> | null;
}

/**
 * Fetches in flight, oldest first, taken in the order they were sent. A failure surfaces as a value when its turn
 * comes. The walks that read ahead (pages of a listing, one request per item) build on it.
 */
export class InFlight<T, R> {
  private readonly queue: Entry<T, R>[] = [];
  private readonly unwanted = new AbortController();

  constructor(private readonly fetch: (item: T, signal: AbortSignal) => Promise<R>) {}

  get size(): number {
    return this.queue.length;
  }

  send(item: T): void {
    const entry: Entry<T, R> = { item, outcome: settle(this.fetch(item, this.unwanted.signal)), arrived: null };
    void entry.outcome.then((outcome) => (entry.arrived = outcome));
    this.queue.push(entry);
  }

  /**
   * Waits for the oldest fetch to end, then takes it with each one after it that has ended too, in order, up to
   * `max`: a consumer slower than the fetches then handles several at once, one that keeps up one by one.
   */
  async take(max: number): Promise<Fetched<T, R>[]> {
    const head = this.queue[0];
    if (!head) throw new Error('nothing in flight');
    await head.outcome;
    // Answers that came in while the caller was busy (a synchronous commit holds the event loop) are handled one
    // callback at a time, and this continues after the first: one turn of the loop lets the others be seen.
    if (max > 1 && this.queue.length > 1) await new Promise((resolve) => setImmediate(resolve));
    const taken: Fetched<T, R>[] = [];
    for (let next = this.queue[0]; next?.arrived && taken.length < max; next = this.queue[0]) {
      this.queue.shift();
      taken.push([next.item, next.arrived]);
    }
    return taken;
  }

  /** Waits until every fetch in flight has ended; with `abandon` they are aborted first, and one not sent yet never is. */
  async settle(options: { abandon: boolean }): Promise<void> {
    if (this.queue.length === 0) return;
    if (options.abandon) this.unwanted.abort();
    await Promise.all(this.queue.splice(0).map((entry) => entry.outcome));
  }
}
