import { notFound, ok, unknownRoute } from '../http-reply.js';
import type { Json } from '../sim-org.js';
import type { Route, RouteContext } from './route-types.js';

export function teamMembers(ctx: RouteContext): Json[] {
  return ctx.org.members.filter((m) => m['removed'] !== true && Array.isArray(m['teams']) && m['teams'].includes(ctx.teamId));
}

export const orgRoutes: readonly Route[] = [
  {
    path: '/teams/get-all-teams',
    scope: 'org',
    handle: (ctx) => (ctx.teamsRoute === 'legacy-only' ? unknownRoute() : ctx.list('teams', ctx.org.teams)),
  },
  { path: '/teams', scope: 'org', handle: (ctx) => ctx.list('teams', ctx.org.teams) },
  { path: '/orgs/members', scope: 'org', handle: (ctx) => ctx.list('members', ctx.org.members) },
  { path: '/orgs/info', scope: 'org', handle: (ctx) => ok({ org: ctx.org.orgInfo }) },
  { path: '/users', scope: 'team', handle: (ctx) => ctx.list('users', teamMembers(ctx)) },
  {
    path: '/users/:id',
    scope: 'team',
    handle: (ctx) => {
      const user = ctx.org.members.find((m) => m['_id'] === ctx.params['id']);
      return user === undefined ? notFound('User') : ok(user);
    },
  },
];
