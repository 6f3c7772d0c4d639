import type { SpikeClient } from '../client.js';
import { unwrapList } from '../unwrap.js';

/** The team's integrations; each carries its token, a credential the caller must never store or log. */
export async function listIntegrations(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const path = '/integrations';
  return unwrapList(await client.get(path, { teamId }), 'integrations', { method: 'GET', path, teamId });
}
