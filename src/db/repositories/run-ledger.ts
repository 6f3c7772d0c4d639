import { eq, gte, sum } from 'drizzle-orm';
import type { Db } from '../open.js';
import { syncRuns, syncRunStreams } from '../schema.js';

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
export type StreamStatus = 'ok' | 'failed' | 'unavailable' | 'interrupted';

export interface StreamRecord {
  teamId: string;
  stream: string;
  status: StreamStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  pages: number;
  requests: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  itemsSkipped: number;
  firstSkipError: string | null;
  error: string | null;
}

export function startRun(db: Db, input: { trigger: 'cli' | 'cron'; full: boolean; now: string; pid: number }): number {
  const row = db
    .insert(syncRuns)
    .values({ startedAt: input.now, trigger: input.trigger, status: 'running', full: input.full, pid: input.pid })
    .returning({ id: syncRuns.id })
    .get();
  return row.id;
}

export function recordStream(db: Db, runId: number, record: StreamRecord): void {
  db.insert(syncRunStreams).values({ runId, ...record }).run();
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

/** Runs still marked `running` belong to a process that died; the caller holds the run lock, so none is alive. */
export function closeAbandonedRuns(db: Db, now: string): number {
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
