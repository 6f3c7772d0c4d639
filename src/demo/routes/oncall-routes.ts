import { badRequest, notFound, ok, parseIso, type Reply } from '../http-reply.js';
import { activeShift, buildTimeline, type Shift } from '../oncall-timeline.js';
import type { Json } from '../sim-org.js';
import type { Route, RouteContext } from './route-types.js';

const TIMELINE_MS = 14 * 86_400_000;

function teamSchedules(ctx: RouteContext): Json[] {
  return ctx.org.oncalls.filter((s) => Array.isArray(s['teams']) && s['teams'].includes(ctx.teamId));
}

function overridesOf(ctx: RouteContext, oncallId: string): Json[] {
  return ctx.org.overrides.filter((o) => o['oncall'] === oncallId);
}

function userSummary(ctx: RouteContext, userId: string, withProfile: boolean): Json {
  const m = ctx.org.members.find((member) => member['_id'] === userId);
  const user: Json = { _id: userId, firstName: m?.['firstName'], lastName: m?.['lastName'], email: m?.['email'] };
  if (withProfile && m?.['profile'] !== undefined) user['profile'] = m['profile'];
  return user;
}

function shiftSummary(ctx: RouteContext, shift: Shift): Json {
  return { _id: shift._id, user: userSummary(ctx, shift.user, false), start: shift.start, end: shift.end, active: shift.active };
}

/** 5.11: the schedule, who is on call now, and the 14-day timeline from `from`. */
function oncallDetail(ctx: RouteContext): Reply {
  const from = parseIso(ctx.query['from']);
  if (from === undefined) return badRequest('from is required and must be an ISO 8601 date');
  const oncall = teamSchedules(ctx).find((s) => s['_id'] === ctx.params['id']);
  if (oncall === undefined) return notFound('On-call schedule');
  const overrides = overridesOf(ctx, String(oncall['_id']));
  const now = ctx.now.getTime();
  const start = Date.parse(from);
  const current = activeShift(oncall, overrides, now);
  return ok({
    oncall,
    activeShift: current === undefined ? null : shiftSummary(ctx, current),
    shifts: buildTimeline(oncall, overrides, start, start + TIMELINE_MS, now),
  });
}

/** 5.12: a bare array whatever the drift mode, as Spike's own client reads it. */
function activeShifts(ctx: RouteContext): Reply {
  const now = ctx.now.getTime();
  const shifts: Json[] = [];
  for (const oncall of teamSchedules(ctx)) {
    const shift = activeShift(oncall, overridesOf(ctx, String(oncall['_id'])), now);
    if (shift === undefined) continue;
    shifts.push({
      _id: shift._id,
      user: userSummary(ctx, shift.user, true),
      oncall: { _id: oncall['_id'], name: oncall['name'] },
      start: shift.start,
      end: shift.end,
      active: true,
    });
  }
  return ok(shifts);
}

/** 5.13: overrides overlapping [from, to]. */
function listOverrides(ctx: RouteContext): Reply {
  const from = parseIso(ctx.query['from']);
  const to = parseIso(ctx.query['to']);
  if (from === undefined || to === undefined) return badRequest('from and to are required ISO 8601 dates');
  const oncallId = ctx.params['id'] ?? '';
  if (!ctx.org.oncalls.some((s) => s['_id'] === oncallId)) return notFound('On-call schedule');
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  const items = overridesOf(ctx, oncallId).filter((o) => Date.parse(String(o['end'])) > fromMs && Date.parse(String(o['start'])) <= toMs);
  return ctx.list('overrides', items);
}

export const oncallRoutes: readonly Route[] = [
  { path: '/on-calls', scope: 'team', handle: (ctx) => ctx.list('oncalls', teamSchedules(ctx)) },
  { path: '/on-calls/:id', scope: 'team', handle: oncallDetail },
  { path: '/oncalls/all-active-on-call-shifts', scope: 'team', handle: activeShifts },
  { path: '/oncalls/:id/overrides', scope: 'org', handle: listOverrides },
];
