import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** The team's on-call schedules (with their layers). */
export async function listOncalls(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/on-calls';
  return unwrapList(await client.get(path, { teamId }), 'oncalls', { method: 'GET', path, teamId });
}
