import { notFound, ok } from '../http-reply.js';
import type { Json } from '../sim-org.js';
import type { Route, RouteContext } from './route-types.js';

function ofTeam(ctx: RouteContext, items: readonly Json[] | undefined): Json[] {
  return (items ?? []).filter((item) => item['team'] === ctx.teamId);
}

export const catalogRoutes: readonly Route[] = [
  { path: '/services', scope: 'team', handle: (ctx) => ctx.list('services', ofTeam(ctx, ctx.org.services)) },
  { path: '/integrations', scope: 'team', handle: (ctx) => ctx.list('integrations', ofTeam(ctx, ctx.org.integrations)) },
  { path: '/escalations', scope: 'team', handle: (ctx) => ctx.list('escalations', ofTeam(ctx, ctx.org.escalations)) },
  {
    path: '/escalations/:id',
    scope: 'team',
    handle: (ctx) => {
      const escalation = ofTeam(ctx, ctx.org.escalations).find((e) => e['_id'] === ctx.params['id']);
      return escalation === undefined ? notFound('Escalation policy') : ok({ escalation });
    },
  },
];
