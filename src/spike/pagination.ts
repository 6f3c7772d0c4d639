import { SpikePaginationError } from './errors.js';

export const MAX_PER_PAGE = 100;

export interface Page {
  page: number;
  items: unknown[];
}

export interface PaginateOptions {
  perPage?: number;
  /** 1-based page to start from: a backfill resumes where its checkpoint says. */
  startPage?: number;
  /** Names the listing in errors. */
  label: string;
}

/**
 * Walks `page`/`perPage` pages until a short or empty one. A server that ignores `page` returns
 * the same items again; that is an error, since reading on would never end.
 */
export async function* paginate(
  fetchPage: (page: number, perPage: number) => Promise<unknown[]>,
  options: PaginateOptions,
): AsyncGenerator<Page> {
  const perPage = options.perPage ?? MAX_PER_PAGE;
  let previous: string | undefined;
  for (let page = options.startPage ?? 1; ; page++) {
    const items = await fetchPage(page, perPage);
    if (items.length === 0) return;
    const fingerprint = fingerprintOf(items);
    if (fingerprint === previous) {
      throw new SpikePaginationError(
        `${options.label}: page ${page} repeats page ${page - 1}; the server seems to ignore the "page" parameter, so the listing cannot be read completely`,
      );
    }
    previous = fingerprint;
    yield { page, items };
    if (items.length < perPage) return;
  }
}

function fingerprintOf(items: unknown[]): string {
  return items.map((item) => (item && typeof item === 'object' ? String((item as { _id?: unknown })._id) : String(item))).join(',');
}
