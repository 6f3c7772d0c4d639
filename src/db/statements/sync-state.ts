import type { SqlExecutor } from '../sql-executor.js';
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
  const changed = (Object.keys(COLUMNS) as (keyof StreamState)[]).filter((key) => patch[key] !== undefined);
  const values = { ...NO_CHECKPOINT, ...patch, teamId, stream, now };
  const set = [...changed.map((key) => `${COLUMNS[key]} = excluded.${COLUMNS[key]}`), 'updated_at = excluded.updated_at'];
  await sql.run(
    `INSERT INTO sync_state (team_id, stream, watermark, resume_page, last_full_at, last_success_at, updated_at)
     VALUES (@teamId, @stream, @watermark, @resumePage, @lastFullAt, @lastSuccessAt, @now)
     ON CONFLICT (team_id, stream) DO UPDATE SET ${set.join(', ')}`,
    values,
  );
}
