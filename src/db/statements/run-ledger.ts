import { hostname } from 'node:os';
import type { SqlExecutor, SqlStatement } from '../sql-executor.js';
import type { RunStart, RunStatus, StreamRecord } from '../store.js';

// `full` is a reserved word in PostgreSQL: quoted, it reads the same on both stores.

export async function startRun(sql: SqlExecutor, input: RunStart): Promise<number> {
  const row = await sql.one<{ id: number }>(
    `INSERT INTO sync_runs (started_at, trigger, status, "full", requests, estimated_requests, teams_ok, teams_failed, pid, hostname)
     VALUES (@now, @trigger, 'running', @full, 0, @estimatedRequests, 0, 0, @pid, @host) RETURNING id`,
    { ...input, estimatedRequests: input.estimatedRequests ?? null, host: hostname() },
  );
  return Number(row?.id);
}

/**
 * The stream's ledger row, written as `running` before the stream sends anything: a stream cut
 * short by a full disk or a crash still leaves its row (the next run marks a leftover one interrupted).
 */
export async function beginStream(sql: SqlExecutor, runId: number, input: { teamId: string; stream: string; startedAt: string }): Promise<number> {
  const row = await sql.one<{ id: number }>(
    `INSERT INTO sync_run_streams (run_id, team_id, stream, status, started_at, finished_at, duration_ms, pages, requests,
                                   rows_inserted, rows_updated, rows_deleted, items_skipped, first_skip_error, error)
     VALUES (@runId, @teamId, @stream, 'running', @startedAt, @startedAt, 0, 0, 0, 0, 0, 0, 0, NULL, NULL) RETURNING id`,
    { runId, ...input },
  );
  return Number(row?.id);
}

/** Fills in the outcome of a stream begun with `beginStream`; an update in place, so it needs no new page. */
export async function finishStream(sql: SqlExecutor, rowId: number, record: StreamRecord): Promise<void> {
  await sql.run(
    `UPDATE sync_run_streams SET team_id = @teamId, stream = @stream, status = @status, started_at = @startedAt,
            finished_at = @finishedAt, duration_ms = @durationMs, pages = @pages, requests = @requests,
            rows_inserted = @rowsInserted, rows_updated = @rowsUpdated, rows_deleted = @rowsDeleted,
            items_skipped = @itemsSkipped, items_unknown = @itemsUnknown, first_skip_error = @firstSkipError, error = @error
      WHERE id = @rowId`,
    { ...record, rowId },
  );
}

/**
 * The requests a running stream has sent so far; see StoreWrites.saveStreamRequests. The count only grows: a
 * count read before another write of the same stream may reach the store after it, and must not lower it.
 */
export async function saveStreamRequests(sql: SqlExecutor, rowId: number, requests: number): Promise<void> {
  const write = streamRequestsWrite(rowId, requests);
  await sql.run(write.sql, write.params);
}

/** The statement saveStreamRequests runs, for a store that writes it as part of a page's statement. */
export function streamRequestsWrite(rowId: number, requests: number): SqlStatement {
  return { sql: 'UPDATE sync_run_streams SET requests = CASE WHEN requests > @requests THEN requests ELSE @requests END WHERE id = @rowId', params: { rowId, requests } };
}

export async function finishRun(
  sql: SqlExecutor,
  runId: number,
  outcome: { status: Exclude<RunStatus, 'running'>; requests: number; teamsOk: number; teamsFailed: number; error: string | null; now: string },
): Promise<void> {
  await sql.run(
    `UPDATE sync_runs SET status = @status, finished_at = @now, requests = @requests, teams_ok = @teamsOk,
            teams_failed = @teamsFailed, error = @error
      WHERE id = @runId`,
    { ...outcome, runId },
  );
}

/**
 * Marks runs left `running` by a process that died, and every stream left `running` outside a live run, interrupted. `abandoned` is the store's
 * condition for such a run (`r` is the sync_runs row): every running run where one process writes at a time,
 * a run no live worker holds where several do. Such a run never wrote its total: it gets the sum of what its
 * streams recorded, each up to its last committed page (or retry), so budgets and `status` see what it spent.
 */
export async function closeAbandonedRuns(sql: SqlExecutor, now: string, abandoned = '1 = 1'): Promise<number> {
  await sql.run(
    `UPDATE sync_run_streams SET status = 'interrupted', finished_at = @now, error = 'the process stopped before the stream finished'
      WHERE status = 'running' AND run_id NOT IN (SELECT r.id FROM sync_runs r WHERE r.status = 'running' AND NOT (${abandoned}))`,
    { now },
  );
  const { changes } = await sql.run(
    `UPDATE sync_runs SET status = 'interrupted', finished_at = @now, error = 'the process stopped before the run finished',
            requests = (SELECT COALESCE(SUM(s.requests), 0) FROM sync_run_streams s WHERE s.run_id = sync_runs.id)
      WHERE id IN (SELECT r.id FROM sync_runs r WHERE r.status = 'running' AND ${abandoned})`,
    { now },
  );
  return changes;
}

/** Requests recorded by streams that started at or after `since`: what counts against a monthly budget. */
export async function countRequestsSince(sql: SqlExecutor, since: string): Promise<number> {
  const row = await sql.one<{ total: number | null }>('SELECT SUM(requests) AS total FROM sync_run_streams WHERE started_at >= @since', { since });
  return Number(row?.total ?? 0);
}

/**
 * Whether every one of `streams` of `teamId` has an attempt that started after `since` and finished, well or
 * not: a tick tries each team once across all workers, as one worker alone would, so a stream that keeps
 * failing is not tried again by every other worker in the same tick. A stream still `running` (perhaps in a
 * worker that was killed) has not finished, so the team is taken up again.
 */
export async function allDoneSince(sql: SqlExecutor, teamId: string, streams: readonly string[], since: string): Promise<boolean> {
  if (streams.length === 0) return true;
  const listed = sql.dialect.inList('stream', 'streams', streams);
  const row = await sql.one<{ n: number }>(
    `SELECT COUNT(DISTINCT stream) AS n FROM sync_run_streams
      WHERE team_id = @teamId AND ${listed.sql} AND started_at > @since AND status <> 'running'`,
    { ...listed.params, teamId, since },
  );
  return Number(row?.n) === new Set(streams).size;
}
