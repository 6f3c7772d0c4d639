import { listOncalls, listTeamUsers } from '../spike/index.js';
import { mapOncallSchedule, mapTeamMember } from './mappers/org-entities.js';
import { applySnapshot } from './apply-snapshot.js';
import type { StreamContext } from './stream-context.js';

/** The `team_members` stream: who belongs to the team now, from the team's `/users`. */
export async function syncTeamMembers({ deps, settings, team, tally }: StreamContext): Promise<void> {
  const teamId = team.id;
  const items = await listTeamUsers(deps.client, teamId);
  await applySnapshot(deps, {
    label: `team ${teamId} members`,
    items,
    map: (item) => mapTeamMember(item, teamId),
    writer: (tx) => tx.teamMembers,
    scope: { column: 'team_id', value: teamId },
    full: settings.full,
  }, tally);
}

/** The `oncall_schedules` stream: the team's schedules and their layers. */
export async function syncOncallSchedules({ deps, settings, team, tally }: StreamContext): Promise<void> {
  const teamId = team.id;
  const items = await listOncalls(deps.client, teamId);
  await applySnapshot(deps, {
    label: `team ${teamId} on-call schedules`,
    items,
    map: (item) => mapOncallSchedule(item, teamId),
    writer: (tx) => tx.oncallSchedules,
    scope: { column: 'team_id', value: teamId },
    full: settings.full,
  }, tally);
}
