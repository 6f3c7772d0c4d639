import { between, DAY_MS, iso, type GenContext } from './gen-context.js';
import { OVERRIDE_REASONS, TIMEZONES } from './names.js';
import type { Json } from './sim-org.js';

const SCHEDULE_KINDS = ['primary', 'secondary', 'escalation', 'follow-the-sun'];

/** Schedules (5.10) of one team: a weekly layer with every member, sometimes a weekend layer on top. */
export function generateOncalls(ctx: GenContext, team: Json, userIds: readonly string[], count: number): Json[] {
  const schedules: Json[] = [];
  for (let i = 0; i < count; i++) {
    const rotation = userIds.length === 0 ? [] : [...userIds.slice(i % userIds.length), ...userIds.slice(0, i % userIds.length)];
    const createdAt = between(ctx, Date.parse(String(team['createdAt'])), ctx.now - ctx.historyDays * DAY_MS);
    const layers: Json[] = [weeklyLayer(ctx, createdAt, rotation)];
    const last = rotation[rotation.length - 1];
    if (rotation.length >= 2 && last !== undefined && ctx.rng.chance(0.5)) layers.push(weekendLayer(ctx, createdAt, last));
    schedules.push({
      _id: ctx.ids.next(createdAt),
      name: `${String(team['name'])} ${SCHEDULE_KINDS[i] ?? `rota ${i + 1}`}`,
      desc: '',
      timezone: ctx.rng.pick(TIMEZONES),
      teams: [team['_id']],
      users: [...new Set(layers.flatMap((layer) => layer['users'] as string[]))],
      layers,
      createdAt: iso(createdAt),
      updatedAt: iso(between(ctx, createdAt, ctx.now)),
    });
  }
  return schedules;
}

function weeklyLayer(ctx: GenContext, createdAt: number, users: string[]): Json {
  return {
    _id: ctx.ids.next(createdAt),
    users,
    rotation: { length: 1, unit: 'weeks', handoff: '09:00', handoffDay: 'monday' },
    customiseFor: null,
    conditions: [],
    startDate: null,
    endDate: null,
  };
}

function weekendLayer(ctx: GenContext, createdAt: number, user: string): Json {
  return {
    _id: ctx.ids.next(createdAt),
    users: [user],
    rotation: { length: 1, unit: 'days', handoff: '09:00' },
    customiseFor: 'week',
    conditions: [{ fromDayOfWeek: 'friday', fromTime: '18:00', toDayOfWeek: 'monday', toTime: '09:00' }],
    startDate: null,
    endDate: null,
  };
}

/** A few day-long overrides (5.13) from a month back to a month ahead of now. */
export function generateOverrides(ctx: GenContext, schedule: Json): Json[] {
  const users = schedule['users'] as string[];
  if (users.length === 0) return [];
  const overrides: Json[] = [];
  const count = ctx.rng.int(0, 3);
  const today = Math.floor(ctx.now / DAY_MS) * DAY_MS;
  for (let i = 0; i < count; i++) {
    const start = today + ctx.rng.int(-30, 30) * DAY_MS;
    const createdAt = Math.min(ctx.now, start) - ctx.rng.int(1, 14) * DAY_MS;
    overrides.push({
      id: ctx.ids.next(createdAt),
      oncall: schedule['_id'],
      user: ctx.rng.pick(users),
      start: iso(start),
      end: iso(start + ctx.rng.int(1, 3) * DAY_MS),
      desc: ctx.rng.pick(OVERRIDE_REASONS),
      timezone: schedule['timezone'],
      createdAt: iso(createdAt),
    });
  }
  return overrides;
}

/**
 * Real organisations share a schedule between teams (a platform rota both SRE and backend page): the first
 * team's first schedule is also the second team's, listed by both. Consumes no randomness, so the rest of the
 * generated organisation is the same with or without it.
 */
export function shareFirstSchedule(schedules: readonly Json[], teams: readonly Json[]): void {
  const [first, second] = teams.map((team) => team['_id']);
  const shared = schedules.find((s) => Array.isArray(s['teams']) && s['teams'][0] === first);
  if (shared === undefined || second === undefined) return;
  shared['teams'] = [first, second];
}
