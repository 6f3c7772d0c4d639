import type { Store } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import { RequestMeter } from '../spike/index.js';
import { withGet } from './client-view.js';
import type { SyncDeps } from './context.js';

/** One stream's request accounting: its meter, and the dependencies its body runs with. */
export interface StreamAccounting {
  meter: RequestMeter;
  /** The run's dependencies as the stream sees them: every request it sends is metered, every page it commits carries the count. */
  deps: SyncDeps;
}

/**
 * Counts a stream's requests, into the stream's own meter (and the run's), whatever runs beside it, and records
 * the count in the stream's ledger row (`rowId`) in the same transaction as every page the stream commits, and
 * before every retry. A process killed at any moment has then recorded every request but those whose page it had
 * not committed yet, and the next run's total sees them.
 */
export function accountStream(deps: SyncDeps, rowId: number, runMeter: RequestMeter): StreamAccounting {
  const save = (): Promise<void> => deps.store.saveStreamRequests(rowId, meter.sent);
  const meter: RequestMeter = new RequestMeter({
    parent: runMeter,
    // The count is for a crash: a store refusing it now fails the next page too, where the stream handles it.
    beforeRetry: () => save().catch((err: unknown) => deps.logger.warn({ err: describeError(err) }, 'could not record the requests of a stream before retrying')),
  });
  const client = withGet(deps.client, (path, options) => deps.client.get(path, { ...options, meter }));
  return { meter, deps: { ...deps, client, store: countingStore(deps.store, rowId, meter) } };
}

/** The store as one stream sees it: each transaction and each page also writes the stream's count, as it is when the page commits. */
function countingStore(store: Store, rowId: number, meter: RequestMeter): Store {
  return {
    ...store,
    transaction: (fn) =>
      store.transaction(async (tx) => {
        const result = await fn(tx);
        await tx.saveStreamRequests(rowId, meter.sent);
        return result;
      }),
    writePage: (table, rows, now, progress) => store.writePage(table, rows, now, { ...progress, requests: { rowId, sent: meter.sent } }),
  };
}
