/**
 * Counts the attempts one part of a run made (a stream), retries included, whatever else sends beside it: a
 * difference of one shared counter would mix in the requests of everything running at the same time. An attempt
 * counts once it has ended, answered or failed, so a count never holds a request that had not reached the API
 * yet; those still in flight are the only ones a count taken at any moment leaves out. A meter with a `parent`
 * counts into it as well, so the run's total is the sum of its streams'. It also knows whether any request of its
 * own is still running, so its owner can wait for them before recording a count that must not grow afterwards.
 */
export class RequestMeter {
  private count = 0;
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly options: {
      parent?: RequestMeter;
      /**
       * Called when an attempt failed and another is about to be sent, before the wait between them: the owner
       * records the count there, so a process killed during a long backoff has not lost the attempts it made.
       */
      beforeRetry?: () => Promise<void>;
    } = {},
  ) {}

  /** Attempts made so far (ended, answered or failed). */
  get sent(): number {
    return this.count;
  }

  /** One attempt has ended. */
  countAttempt(): void {
    this.count++;
    this.options.parent?.countAttempt();
  }

  /** Runs a request (all its attempts) as one of this meter's, so `idle` waits for it. */
  async track<T>(request: () => Promise<T>): Promise<T> {
    this.running++;
    try {
      return await request();
    } finally {
      this.running--;
      if (this.running === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  /** Resolves once none of this meter's requests is running. */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async beforeRetry(): Promise<void> {
    await this.options.beforeRetry?.();
  }
}
