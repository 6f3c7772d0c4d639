import type { SqlExecutor, SqlStatement } from '../sql-executor.js';
import type { StreamState } from '../store.js';

/** A stream that has never run, or whose checkpoint was cleared. */
export const NO_CHECKPOINT: StreamState = Object.freeze({ watermark: null, resumePage: null, lastFullAt: null, lastSuccessAt: null });

const COLUMNS: Record<keyof StreamState, string> = {
  watermark: 'watermark',
  resumePage: 'resume_page',
  lastFullAt: 'last_full_at',
  lastSuccessAt: 'last_success_at',
};

export async function readStreamState(sql: SqlExecutor, teamId: string, stream: string): Promise<StreamState> {
  const row = await sql.one<StreamState>(
    `SELECT watermark, resume_page AS "resumePage", last_full_at AS "lastFullAt", last_success_at AS "lastSuccessAt"
       FROM sync_state WHERE team_id = @teamId AND stream = @stream`,
    { teamId, stream },
  );
  return row ?? { ...NO_CHECKPOINT };
}

/** Merges `patch` into the stream's checkpoint. Call it inside the transaction of the page it describes. */
export async function saveStreamState(sql: SqlExecutor, teamId: string, stream: string, patch: Partial<StreamState>, now: string): Promise<void> {
  const write = streamStateWrite(teamId, stream, patch, now);
  await sql.run(write.sql, write.params);
}

/** The statement saveStreamState runs, for a store that writes it as part of a page's statement. */
export function streamStateWrite(teamId: string, stream: string, patch: Partial<StreamState>, now: string): SqlStatement {
  const changed = (Object.keys(COLUMNS) as (keyof StreamState)[]).filter((key) => patch[key] !== undefined);
  const set = [...changed.map((key) => `${COLUMNS[key]} = excluded.${COLUMNS[key]}`), 'updated_at = excluded.updated_at'];
  return {
    sql: `INSERT INTO sync_state (team_id, stream, watermark, resume_page, last_full_at, last_success_at, updated_at)
     VALUES (@teamId, @stream, @watermark, @resumePage, @lastFullAt, @lastSuccessAt, @now)
     ON CONFLICT (team_id, stream) DO UPDATE SET ${set.join(', ')}`,
    params: { ...NO_CHECKPOINT, ...patch, teamId, stream, now },
  };
}
