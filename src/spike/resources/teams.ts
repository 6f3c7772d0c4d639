import type { SpikeClient } from '../client.js';
import { SpikeHttpError } from '../errors.js';
import { unwrapList } from '../unwrap.js';

/** Every team of the organisation. Older deployments only know `/teams`, so a 404 falls back to it. */
export async function listTeams(client: SpikeClient): Promise<unknown[]> {
  try {
    return await listFrom(client, '/teams/get-all-teams');
  } catch (err) {
    if (err instanceof SpikeHttpError && err.status === 404) return listFrom(client, '/teams');
    throw err;
  }
}

async function listFrom(client: SpikeClient, path: string): Promise<unknown[]> {
  const body = await client.get(path);
  return unwrapList(body, 'teams', { method: 'GET', path, teamId: undefined });
}
