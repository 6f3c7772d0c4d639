import type { SpikeClient } from '../client.js';
import type { RequestContext } from '../errors.js';
import { paginate, type Page } from '../pagination.js';
import { unwrapList, unwrapObject } from '../unwrap.js';

/** Pages of `/incidents` for one team, from `startPage` on, with up to `concurrency` requests in flight. */
export function pageIncidents(client: SpikeClient, teamId: string, startPage = 1, concurrency = 1): AsyncGenerator<Page> {
  const path = '/incidents';
  return paginate(
    async (page, perPage, signal) => {
      const body = await client.get(path, { teamId, query: { page, perPage }, signal });
      return unwrapList(body, 'incidents', { method: 'GET', path: `${path}?page=${page}`, teamId });
    },
    { startPage, concurrency, label: `GET ${path} (team ${teamId})` },
  );
}

/**
 * The team's open set: triggered plus acknowledged incidents, two requests sent together. Both have ended when it
 * returns or throws (the first failure), so neither outlives the caller's count of its requests.
 */
export async function listOpenIncidents(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const lists = await Promise.allSettled(
    ['/incidents/triggered', '/incidents/acknowledged'].map(async (path) => unwrapList(await client.get(path, { teamId }), 'incidents', { method: 'GET', path, teamId })),
  );
  const failed = lists.find((list) => list.status === 'rejected');
  if (failed) throw failed.reason;
  return lists.flatMap((list) => (list.status === 'fulfilled' ? list.value : []));
}

/**
 * One incident by counterId. The detail route returns `groupedIncident` beside `incident`;
 * it is folded back in so the item has the list shape. `signal` abandons one read ahead that is no longer wanted.
 */
export async function getIncident(client: SpikeClient, teamId: string, counterId: string, signal?: AbortSignal): Promise<unknown> {
  const path = `/incidents/${encodeURIComponent(counterId)}`;
  const ctx: RequestContext = { method: 'GET', path, teamId };
  const body = await client.get(path, { teamId, signal });
  const incident = unwrapObject(body, 'incident', ctx);
  const grouped = (body as { groupedIncident?: unknown }).groupedIncident;
  return grouped && typeof grouped === 'object' && incident.groupedIncident === undefined
    ? { ...incident, groupedIncident: grouped }
    : incident;
}

/**
 * An incident's activity log (who was notified, who acknowledged and resolved), oldest or newest first as Spike sends
 * it. `signal` abandons a log read ahead that is no longer wanted.
 */
export async function getActivityLog(client: SpikeClient, teamId: string, counterId: string, signal?: AbortSignal): Promise<unknown[]> {
  const path = `/incidents/${encodeURIComponent(counterId)}/activity-log`;
  return unwrapList(await client.get(path, { teamId, signal }), 'activityLog', { method: 'GET', path, teamId });
}
