import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** The team's escalation policies, steps included. */
export async function listEscalations(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/escalations';
  return unwrapList(await client.get(path, { teamId }), 'escalations', { method: 'GET', path, teamId });
}
