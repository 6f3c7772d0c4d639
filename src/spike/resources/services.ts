import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** The team's services. */
export async function listServices(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/services';
  return unwrapList(await client.get(path, { teamId }), 'services', { method: 'GET', path, teamId });
}
