import { listOrgMembers, listTeams } from '../spike/index.js';
import type { StreamContext } from './stream-context.js';
import { mapTeam, mapUser } from './mappers/org-entities.js';
import { applySnapshot, idOf } from './apply-snapshot.js';

/** The `teams` stream: stores every team of the organisation and lists them for the per-team walk. */
export async function syncTeams({ deps, settings, tally, run }: StreamContext): Promise<void> {
  const items = await listTeams(deps.client);
  const rows = await applySnapshot(deps, {
    label: 'teams',
    items,
    map: mapTeam,
    writer: (tx) => tx.writer('teams'),
    scope: null,
    full: settings.full,
  }, tally);
  // A team whose record could not be stored is still walked: its incidents do not depend on that record.
  const names = new Map(rows.map((t) => [t.id, t.name]));
  const ids = [...new Set(items.map(idOf).filter((id): id is string => id !== null))];
  run.listed = ids.map((id) => ({ id, name: names.get(id) ?? id }));
}

/**
 * The `users` stream: every org member, removed ones included (they keep `removed = 1`). A user who
 * vanished from the listing has left too: soft-deleted and `removed = 1`. Every membership of a user
 * who left ends here, so none stays live in a team this run does not walk; those are counted as deletions of this stream.
 */
export async function syncOrgMembers({ deps, settings, tally }: StreamContext): Promise<void> {
  const items = await listOrgMembers(deps.client);
  let departed = { usersRemoved: 0, membershipsEnded: 0 };
  await applySnapshot(deps, {
    label: 'org members',
    items,
    map: mapUser,
    writer: (tx) => tx.writer('users'),
    scope: null,
    full: settings.full,
    alsoInTransaction: async (tx) => {
      departed = await tx.recordDepartedUsers(deps.clock.now().toISOString());
    },
  }, tally);
  tally.rowsDeleted += departed.membershipsEnded;
  if (departed.membershipsEnded > 0) deps.logger.info(departed, 'users who left the organisation: their team memberships ended');
}
