import { buildActivityLog } from '../activity-log.js';
import { notFound, ok, parsePaging, slicePage, type Reply } from '../http-reply.js';
import type { Json } from '../sim-org.js';
import { teamMembers } from './org-routes.js';
import type { Route, RouteContext } from './route-types.js';

function listIncidents(ctx: RouteContext): Reply {
  const all = ctx.index.teamIncidents(ctx.teamId);
  const paging = parsePaging(ctx.query, 20, ctx.ignorePaging);
  return ctx.list('incidents', slicePage(all, paging), { pagination: { ...paging, total: all.length } });
}

function listByStatus(status: string): (ctx: RouteContext) => Reply {
  return (ctx) => ctx.list('incidents', ctx.index.teamIncidents(ctx.teamId).filter((inc) => inc['status'] === status));
}

/** 5.5: the incident without its groupedIncident, which becomes a sibling. */
function incidentDetail(ctx: RouteContext): Reply {
  const inc = ctx.index.findByCounterId(ctx.teamId, ctx.params['counterId'] ?? '');
  if (inc === undefined) return notFound('Incident');
  const { groupedIncident, ...incident } = inc;
  if (incident['status'] === 'RES' && incident['resMetadata'] === undefined) incident['resMetadata'] = {};
  return ok({ incident, groupedIncident: groupedIncident ?? { notes: [], comments: [] } });
}

function activityLog(ctx: RouteContext): Reply {
  const inc = ctx.index.findByCounterId(ctx.teamId, ctx.params['counterId'] ?? '');
  if (inc === undefined) return notFound('Incident');
  const stored: Json[] | undefined = ctx.org.activityLogs.get(String(inc['_id']));
  const schedules = ctx.org.oncalls.filter((s) => Array.isArray(s['teams']) && s['teams'].includes(ctx.teamId));
  return ctx.list('activityLog', stored ?? buildActivityLog(inc, teamMembers(ctx), { schedules, overrides: ctx.org.overrides }));
}

export const incidentRoutes: readonly Route[] = [
  { path: '/incidents', scope: 'team', handle: listIncidents },
  { path: '/incidents/triggered', scope: 'team', handle: listByStatus('NACK') },
  { path: '/incidents/acknowledged', scope: 'team', handle: listByStatus('ACK') },
  { path: '/incidents/:counterId', scope: 'team', handle: incidentDetail },
  { path: '/incidents/:counterId/activity-log', scope: 'team', handle: activityLog },
];
