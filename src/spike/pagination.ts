import { InFlight } from '../lib/in-flight.js';
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

/** Walks `page`/`perPage` pages until a short or empty one, one page at a time (see paginateTogether). */
export async function* paginate(fetchPage: Fetch, options: PaginateOptions): AsyncGenerator<Page> {
  for await (const group of paginateTogether(fetchPage, options, 1)) yield* group;
}

/**
 * Walks `page`/`perPage` pages until a short or empty one, yielding in order the pages that have arrived by the time
 * the caller asks (at least one, at most `most`): a caller slower than the requests handles several at once. A
 * server that ignores `page` returns the same items again; that is an error, since reading on would never end. The
 * pages before a failure are yielded before it is thrown.
 */
export async function* paginateTogether(fetchPage: Fetch, options: PaginateOptions, most: number): AsyncGenerator<Page[]> {
  const perPage = options.perPage ?? MAX_PER_PAGE;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let nextPage = options.startPage ?? 1;
  const inFlight = new InFlight<number, unknown[]>((page, signal) => fetchPage(page, perPage, signal));
  const fillTo = (count: number) => {
    while (inFlight.size < count) inFlight.send(nextPage++);
  };
  // The first page alone: a listing that fits in one page costs one request.
  fillTo(1);
  let previous: string | undefined;
  // Set once the last group was handled, not when the listing's end comes back: storing that group may still fail.
  let complete = false;
  try {
    for (;;) {
      const group: Page[] = [];
      let failure: { err: unknown } | null = null;
      let ended = false;
      for (const [page, outcome] of await inFlight.take(most)) {
        if (outcome.status === 'rejected') {
          failure = { err: outcome.reason };
          break;
        }
        const items = outcome.value;
        if (items.length === 0) {
          ended = true;
          break;
        }
        const fingerprint = fingerprintOf(items);
        if (fingerprint === previous) {
          failure = {
            err: new SpikePaginationError(
              `${options.label}: page ${page} repeats page ${page - 1}; the server seems to ignore the "page" parameter, so the listing cannot be read completely`,
            ),
          };
          break;
        }
        previous = fingerprint;
        const last = items.length < perPage;
        group.push({ page, items, last });
        if (last) {
          ended = true;
          break;
        }
      }
      // The pages in hand, the ones yielded included, number at most `concurrency`.
      if (!ended && !failure) fillTo(concurrency - group.length);
      if (group.length > 0) yield group;
      if (failure) throw failure.err;
      if (ended) {
        complete = true;
        return;
      }
      // Only now: with concurrency 1 a consumer that stops early has caused no request past its last page. The group
      // handled, as many are in flight as beside one page in hand.
      fillTo(Math.max(1, concurrency - 1));
    }
  } finally {
    // However the walk ends, no page fetched ahead outlives it, so whoever counts its requests counts them all. A
    // complete walk waits for those past the end of the listing; a walk cut short, even while its last group was
    // being stored, abandons them.
    await inFlight.settle({ abandon: !complete });
  }
}

function fingerprintOf(items: unknown[]): string {
  return items.map((item) => (item && typeof item === 'object' ? String((item as { _id?: unknown })._id) : String(item))).join(',');
}
