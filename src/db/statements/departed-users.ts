import type { SqlExecutor } from '../sql-executor.js';

/**
 * What a user's leaving the organisation means for the store: a user who vanished from the
 * organisation's member listing (soft-deleted) has left it, so it is kept as removed like the
 * members Spike lists as removed; and a user who left has no team memberships any more, whichever
 * teams this run walks. Call inside the users stream's transaction.
 */
export async function recordDepartedUsers(sql: SqlExecutor, now: string): Promise<{ usersRemoved: number; membershipsEnded: number }> {
  const removed = await sql.run('UPDATE users SET removed = TRUE, synced_at = @now WHERE deleted_at IS NOT NULL AND removed = FALSE', { now });
  const ended = await sql.run(
    `UPDATE team_members SET deleted_at = @now, synced_at = @now
      WHERE deleted_at IS NULL
        AND user_id IN (SELECT id FROM users WHERE removed = TRUE OR deleted_at IS NOT NULL)`,
    { now },
  );
  return { usersRemoved: removed.changes, membershipsEnded: ended.changes };
}
