import { badRequest, parseIso, parsePaging, slicePage, type Reply } from '../http-reply.js';
import type { Json } from '../sim-org.js';
import type { Route, RouteContext } from './route-types.js';

function csv(value: string | undefined): string[] | undefined {
  const parts = value?.split(',').map((part) => part.trim()).filter((part) => part !== '');
  return parts === undefined || parts.length === 0 ? undefined : parts;
}

function refId(ref: unknown): unknown {
  return typeof ref === 'object' && ref !== null ? (ref as Json)['_id'] : ref;
}

/** 5.4: key-only, time-windowed on NACK_at across teams, with optional filters. */
function allOccurrences(ctx: RouteContext): Reply {
  const start = parseIso(ctx.query['start']);
  const end = parseIso(ctx.query['end']);
  if (start === undefined || end === undefined) return badRequest('start and end are required ISO 8601 dates');
  const statuses = csv(ctx.query['status']);
  const services = csv(ctx.query['service']);
  const integration = ctx.query['integration'];
  const window = ctx.index.window(csv(ctx.query['teams']), start, end);
  const filtered = statuses !== undefined || services !== undefined || (integration !== undefined && integration !== '');
  const matches = !filtered ? window : window.filter((inc) =>
    (statuses === undefined || statuses.includes(String(inc['status']))) &&
    (services === undefined || services.includes(String(refId(inc['service'])))) &&
    (integration === undefined || integration === '' || refId(inc['integration']) === integration));
  const paging = parsePaging(ctx.query, 25, ctx.ignorePaging);
  const total = matches.length;
  return ctx.list('incidents', slicePage(matches, paging), {
    totalIncidents: total,
    totalOpenIncidents: matches.reduce((n, inc) => (inc['status'] === 'RES' ? n : n + 1), 0),
    pagination: { ...paging, total, totalPages: Math.ceil(total / paging.perPage) },
  });
}

export const occurrenceRoute: Route = { path: '/incidents/all-occurrences', scope: 'org', handle: allOccurrences };
