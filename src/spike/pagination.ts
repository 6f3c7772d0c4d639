import { SpikePaginationError } from './errors.js';

export const MAX_PER_PAGE = 100;

export interface Page {
  page: number;
  items: unknown[];
  /** No page follows (this one is short): known before the caller stores it. */
  last: boolean;
}

export interface PaginateOptions {
  perPage?: number;
  /** 1-based page to start from: a backfill resumes where its checkpoint says. */
  startPage?: number;
  /**
   * Pages in hand at once, the one being processed included: once a full page has come back, the
   * next `concurrency - 1` are fetched while it is processed. Pages are still yielded in order. The
   * end is only known from a short page, so a listing longer than one page may cost up to
   * `concurrency - 2` requests past its end.
   */
  concurrency?: number;
  /** Names the listing in errors. */
  label: string;
}

/** `signal` aborts when the page is no longer wanted (the walk ended or its consumer stopped). */
type Fetch = (page: number, perPage: number, signal: AbortSignal) => Promise<unknown[]>;

/**
 * Walks `page`/`perPage` pages until a short or empty one. A server that ignores `page` returns
 * the same items again; that is an error, since reading on would never end.
 */
export async function* paginate(fetchPage: Fetch, options: PaginateOptions): AsyncGenerator<Page> {
  const perPage = options.perPage ?? MAX_PER_PAGE;
  const ahead = new PageQueue(fetchPage, perPage, options.startPage ?? 1);
  const prefetch = Math.max(1, options.concurrency ?? 1) - 1;
  // The first page alone: a listing that fits in one page costs one request.
  ahead.request();
  let previous: string | undefined;
  let ended = false;
  try {
    for (;;) {
      const { page, items } = await ahead.next();
      if (items.length === 0) {
        ended = true;
        return;
      }
      const fingerprint = fingerprintOf(items);
      if (fingerprint === previous) {
        throw new SpikePaginationError(
          `${options.label}: page ${page} repeats page ${page - 1}; the server seems to ignore the "page" parameter, so the listing cannot be read completely`,
        );
      }
      previous = fingerprint;
      const last = items.length < perPage;
      if (!last) ahead.fillTo(prefetch);
      yield { page, items, last };
      if (last) {
        ended = true;
        return;
      }
      // Only now: with concurrency 1 a consumer that stops early has caused no request past its last page.
      ahead.fillTo(1);
    }
  } finally {
    // However the walk ends, no page fetched ahead outlives it, so whoever counts its requests counts them all. At
    // the end of the listing those past it are answered anyway; a walk cut short abandons them.
    await ahead.settle({ abandon: !ended });
  }
}

/** Requests in flight, oldest first. A rejected page surfaces when its turn comes, never as an unhandled rejection. */
class PageQueue {
  private readonly queue: { page: number; items: Promise<unknown[]> }[] = [];
  private readonly unwanted = new AbortController();
  private nextPage: number;

  constructor(
    private readonly fetchPage: Fetch,
    private readonly perPage: number,
    startPage: number,
  ) {
    this.nextPage = startPage;
  }

  fillTo(count: number): void {
    while (this.queue.length < count) this.request();
  }

  request(): void {
    const page = this.nextPage++;
    const items = this.fetchPage(page, this.perPage, this.unwanted.signal);
    items.catch(() => undefined);
    this.queue.push({ page, items });
  }

  /** Waits until every page in flight has settled; with `abandon` they are aborted first, and one not sent yet never is. */
  async settle(options: { abandon: boolean }): Promise<void> {
    if (this.queue.length === 0) return;
    if (options.abandon) this.unwanted.abort();
    await Promise.allSettled(this.queue.splice(0).map((head) => head.items));
  }

  async next(): Promise<Omit<Page, 'last'>> {
    const head = this.queue.shift();
    if (!head) throw new Error('no page requested');
    return { page: head.page, items: await head.items };
  }
}

function fingerprintOf(items: unknown[]): string {
  return items.map((item) => (item && typeof item === 'object' ? String((item as { _id?: unknown })._id) : String(item))).join(',');
}
