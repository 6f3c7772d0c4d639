/** How fast requests go out: what turns a count of requests into wall time. */
export interface Pace {
  /** SPIKE_MAX_RPS: request starts are spaced at least 1/maxRps seconds apart (0: no cap). */
  maxRps: number;
  /** SPIKE_PAGE_CONCURRENCY: incident pages of a full read in flight at once. */
  pageConcurrency: number;
  /** Milliseconds per request the ledger has observed (answer and storing), or null when it has none. */
  meanRequestMs: number | null;
}

/**
 * Seconds for `requests`, of which `paged` are full-read pages. Requests go one after another, each taking the
 * observed time per request but never less than the rate cap's spacing; full-read pages overlap, so they take that
 * time divided by the page concurrency, again never less than the spacing. Null when neither the cap nor the
 * ledger gives a pace (SPIKE_MAX_RPS=0 before any run). Without a ledger the cap alone gives a lower bound.
 */
export function secondsFor(requests: number, paged: number, pace: Pace): number | null {
  const spacing = pace.maxRps > 0 ? 1000 / pace.maxRps : 0;
  if (spacing === 0 && pace.meanRequestMs === null) return null;
  const each = pace.meanRequestMs ?? 0;
  const sequential = (requests - paged) * Math.max(spacing, each);
  const overlapped = paged * Math.max(spacing, each / Math.max(1, pace.pageConcurrency));
  return (sequential + overlapped) / 1000;
}
