import { and, eq } from 'drizzle-orm';
import type { Db } from '../open.js';
import { syncState } from '../schema.js';
import type { StreamState } from '../../store.js';

const EMPTY: StreamState = { watermark: null, resumePage: null, lastFullAt: null, lastSuccessAt: null };

export function readStreamState(db: Db, teamId: string, stream: string): StreamState {
  const row = db
    .select({ watermark: syncState.watermark, resumePage: syncState.resumePage, lastFullAt: syncState.lastFullAt, lastSuccessAt: syncState.lastSuccessAt })
    .from(syncState)
    .where(and(eq(syncState.teamId, teamId), eq(syncState.stream, stream)))
    .get();
  return row ?? { ...EMPTY };
}

/** Merges `patch` into the stream's checkpoint. Call it inside the transaction of the page it describes. */
export function saveStreamState(db: Db, teamId: string, stream: string, patch: Partial<StreamState>, now: string): void {
  db.insert(syncState)
    .values({ ...EMPTY, ...patch, teamId, stream, updatedAt: now })
    .onConflictDoUpdate({ target: [syncState.teamId, syncState.stream], set: { ...patch, updatedAt: now } })
    .run();
}
