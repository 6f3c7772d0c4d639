import type Database from 'better-sqlite3';

/**
 * What a user's leaving the organisation means for the store: a user who vanished from the
 * organisation's member listing (soft-deleted) has left it, so it is kept as `removed = 1` like the
 * members Spike lists as removed; and a user who left has no team memberships any more, whichever
 * teams this run walks. Returns the memberships it ended. Call inside the users stream's transaction.
 */
export function createDepartedUsersRecorder(sqlite: Database.Database): (now: string) => { usersRemoved: number; membershipsEnded: number } {
  const markRemoved = sqlite.prepare('UPDATE users SET removed = 1, synced_at = ? WHERE deleted_at IS NOT NULL AND removed = 0');
  const endMemberships = sqlite.prepare(
    `UPDATE team_members SET deleted_at = ?, synced_at = ?
      WHERE deleted_at IS NULL
        AND user_id IN (SELECT id FROM users WHERE removed = 1 OR deleted_at IS NOT NULL)`,
  );
  return (now) => ({
    usersRemoved: markRemoved.run(now).changes,
    membershipsEnded: endMemberships.run(now, now).changes,
  });
}
