import type { SqlStatement } from '../sql-executor.js';
import type { Store, StreamProgress } from '../store.js';
import { streamRequestsWrite } from './run-ledger.js';
import { streamStateWrite } from './sync-state.js';

/** The statements that write a page's progress, for a store that writes them as part of the page's own statement. */
export function progressWrites(progress: StreamProgress, now: string): SqlStatement[] {
  const writes: SqlStatement[] = [];
  const { checkpoint, requests } = progress;
  if (checkpoint) writes.push(streamStateWrite(checkpoint.teamId, checkpoint.stream, checkpoint.patch, now));
  if (requests) writes.push(streamRequestsWrite(requests.rowId, requests.sent));
  return writes;
}

/** `Store.writePage` as one transaction of the store's own writes. */
export function writePageInTransaction(transaction: Store['transaction']): Store['writePage'] {
  return (table, rows, now, progress) =>
    transaction(async (tx) => {
      const counts = await tx.writer(table).upsert(rows, now);
      const { checkpoint, requests } = progress;
      if (checkpoint) await tx.saveStreamState(checkpoint.teamId, checkpoint.stream, checkpoint.patch, now);
      if (requests) await tx.saveStreamRequests(requests.rowId, requests.sent);
      return counts;
    });
}
