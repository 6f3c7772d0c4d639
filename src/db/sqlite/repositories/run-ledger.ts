import { eq, gte, sum } from 'drizzle-orm';
import type { Db } from '../open.js';
import { syncRuns, syncRunStreams } from '../schema.js';
import type { RunStatus, StreamRecord } from '../../store.js';

export function startRun(db: Db, input: { trigger: 'cli' | 'cron'; full: boolean; now: string; pid: number }): number {
  const row = db
    .insert(syncRuns)
    .values({ startedAt: input.now, trigger: input.trigger, status: 'running', full: input.full, pid: input.pid })
    .returning({ id: syncRuns.id })
    .get();
  return row.id;
}

/**
 * The stream's ledger row, written as `running` before the stream sends anything: a stream cut
 * short by a full disk or a crash still leaves its row (the next run marks a leftover one interrupted).
 */
export function beginStream(db: Db, runId: number, input: { teamId: string; stream: string; startedAt: string }): number {
  const row = db
    .insert(syncRunStreams)
    .values({
      runId, ...input, status: 'running', finishedAt: input.startedAt, durationMs: 0, pages: 0, requests: 0,
      rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0, itemsSkipped: 0, firstSkipError: null, error: null,
    })
    .returning({ id: syncRunStreams.id })
    .get();
  return row.id;
}

/** Fills in the outcome of a stream begun with `beginStream`; an update in place, so it needs no new page. */
export function finishStream(db: Db, rowId: number, record: StreamRecord): void {
  db.update(syncRunStreams).set(record).where(eq(syncRunStreams.id, rowId)).run();
}

export function finishRun(
  db: Db,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; requests: number; teamsOk: number; teamsFailed: number; error: string | null; now: string },
): void {
  db.update(syncRuns)
    .set({ status: outcome.status, finishedAt: outcome.now, requests: outcome.requests, teamsOk: outcome.teamsOk, teamsFailed: outcome.teamsFailed, error: outcome.error })
    .where(eq(syncRuns.id, runId))
    .run();
}

/** Runs and streams still marked `running` belong to a process that died; the caller holds the run lock, so none is alive. */
export function closeAbandonedRuns(db: Db, now: string): number {
  db.update(syncRunStreams)
    .set({ status: 'interrupted', finishedAt: now, error: 'the process stopped before the stream finished' })
    .where(eq(syncRunStreams.status, 'running'))
    .run();
  return db
    .update(syncRuns)
    .set({ status: 'interrupted', finishedAt: now, error: 'the process stopped before the run finished' })
    .where(eq(syncRuns.status, 'running'))
    .run().changes;
}

/** Requests recorded by streams that started at or after `since`: what counts against a monthly budget. */
export function countRequestsSince(db: Db, since: string): number {
  const row = db.select({ total: sum(syncRunStreams.requests) }).from(syncRunStreams).where(gte(syncRunStreams.startedAt, since)).get();
  return Number(row?.total ?? 0);
}
