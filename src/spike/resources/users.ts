import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** Every member of the organisation, removed ones included: the source of truth for `users`. */
export async function listOrgMembers(client: SpikeClient): Promise<unknown[]> {
  const path = '/orgs/members';
  return unwrapList(await client.get(path), 'members', { method: 'GET', path, teamId: undefined });
}

/** The current members of one team: the source of `team_members`. */
export async function listTeamUsers(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/users';
  return unwrapList(await client.get(path, { teamId }), 'users', { method: 'GET', path, teamId });
}
