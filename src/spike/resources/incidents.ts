import type { SpikeClient } from '../client.js';
import { SpikeRequestError, type RequestContext } from '../errors.js';
import { isObject } from '../../lib/ids.js';
import { MAX_PER_PAGE, paginate, paginateTogether, type Page } from '../pagination.js';
import { unwrapList, unwrapObject } from '../unwrap.js';

/** Pages of `/incidents` for one team, newest first, one at a time. */
export function pageIncidents(client: SpikeClient, teamId: string): AsyncGenerator<Page> {
  return paginate(fetchIncidentPage(client, teamId), { label: listingLabel(teamId) });
}

/**
 * Pages of `/incidents` for one team from `startPage` on, with up to `concurrency` in hand at once, yielded in groups
 * of those that arrived together (at most `most`).
 */
export function pageIncidentsTogether(client: SpikeClient, teamId: string, options: { startPage: number; concurrency: number; most: number }): AsyncGenerator<Page[]> {
  const { startPage, concurrency, most } = options;
  return paginateTogether(fetchIncidentPage(client, teamId), { startPage, concurrency, label: listingLabel(teamId) }, most);
}

const INCIDENTS = '/incidents';
const listingLabel = (teamId: string) => `GET ${INCIDENTS} (team ${teamId})`;

function fetchIncidentPage(client: SpikeClient, teamId: string) {
  return async (page: number, perPage: number, signal: AbortSignal): Promise<unknown[]> => {
    const body = await client.get(INCIDENTS, { teamId, query: { page, perPage }, signal });
    return unwrapList(body, 'incidents', { method: 'GET', path: `${INCIDENTS}?page=${page}`, teamId });
  };
}

/** The first page of a team's `/incidents`, and the listing's length when the response states it. */
export interface FirstIncidentPage {
  items: unknown[];
  /** `pagination.total` (or `total`, `totalIncidents`) when it is a plausible count; null when absent or not believable. */
  total: number | null;
}

/** Most incidents a stated total may claim: past this it is taken for a fault, not a count (a million pages). */
const MAX_BELIEVED_TOTAL = 100_000_000;

/** One request: the newest page of `/incidents` at the largest page size, with the total the body may carry. */
export async function firstIncidentPage(client: SpikeClient, teamId: string): Promise<FirstIncidentPage> {
  const path = '/incidents';
  const body = await client.get(path, { teamId, query: { page: 1, perPage: MAX_PER_PAGE } });
  const items = unwrapList(body, 'incidents', { method: 'GET', path: `${path}?page=1`, teamId });
  return { items, total: statedTotal(body, items.length) };
}

function statedTotal(body: unknown, onPage: number): number | null {
  if (!isObject(body)) return null;
  const pagination = isObject(body.pagination) ? body.pagination : {};
  for (const value of [pagination.total, body.total, body.totalIncidents]) {
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= onPage && value <= MAX_BELIEVED_TOTAL) return value;
  }
  return null;
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
  assertNamesIncident(ctx, counterId);
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
  const ctx: RequestContext = { method: 'GET', path, teamId };
  assertNamesIncident(ctx, counterId);
  return unwrapList(await client.get(path, { teamId, signal }), 'activityLog', ctx);
}

/**
 * Whether a counterId can name its incident in a request path. `.` and `..` are path segments of their own, which
 * URL resolution removes (encoding them changes nothing): `/incidents/..` is `/`, a request with the key to another
 * route. Callers skip such an incident; the requests refuse it too.
 */
export function namesIncident(counterId: string | null): counterId is string {
  return counterId !== null && counterId !== '' && counterId !== '.' && counterId !== '..';
}

function assertNamesIncident(ctx: RequestContext, counterId: string): void {
  if (!namesIncident(counterId)) throw new SpikeRequestError(ctx, `the counterId ${JSON.stringify(counterId)} cannot name an incident in a path`);
}
