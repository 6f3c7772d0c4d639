import { between, DAY_MS, iso, type GenContext } from './gen-context.js';
import type { IncidentSource } from './generate-catalog.js';
import { buildIncident, NO_ITEMS } from './incident-shape.js';
import { NOTE_TEXTS } from './names.js';
import { logNormal, pickWeighted } from './rng.js';
import type { Json } from './sim-org.js';

/** Alerts cluster in working hours (UTC) with a long quiet tail at night. */
const HOUR_WEIGHTS = [2, 1, 1, 1, 1, 1, 2, 3, 5, 8, 9, 9, 8, 8, 9, 9, 8, 6, 4, 3, 3, 2, 2, 2];
const PRIORITY_WEIGHTS = [5, 15, 35, 30, 15];
const SEVERITY_WEIGHTS = [15, 40, 45];
const PRIORITIES = ['p1', 'p2', 'p3', 'p4', 'p5'];
const SEVERITIES = ['sev1', 'sev2', 'sev3'];
const RES_METADATA: readonly Json[] = [
  Object.freeze({ source: 'alert', state: 'OK' }),
  Object.freeze({ source: 'auto-resolve', after: '1 days' }),
];

interface Lifecycle {
  ackAt: number | undefined;
  resAt: number | undefined;
}

/** Incidents of one team, oldest first, with counterIds `<uid>-1` upwards in trigger order. */
export function generateTeamIncidents(
  ctx: GenContext, team: Json, sources: readonly IncidentSource[], members: readonly Json[], count: number,
): Json[] {
  if (count <= 0 || sources.length === 0) return [];
  const times = sampleTriggerTimes(ctx, count);
  const teamId = String(team['_id']);
  const uid = String(team['uid']);
  const incidents: Json[] = [];
  for (let i = 0; i < count; i++) {
    const t = times[i] ?? ctx.now;
    // Squaring the roll makes the first sources and titles the noisy ones.
    const roll = ctx.rng.next();
    const source = sources[Math.floor(roll * roll * sources.length)] ?? ctx.rng.pick(sources);
    const life = sampleLifecycle(ctx, t);
    const titleRoll = ctx.rng.next();
    incidents.push(buildIncident({
      id: ctx.ids.next(t),
      counterId: `${uid}-${i + 1}`,
      message: source.titles[Math.floor(titleRoll * titleRoll * source.titles.length)] ?? 'Alert',
      teamId,
      nackAt: iso(t),
      ackAt: life.ackAt === undefined ? undefined : iso(life.ackAt),
      resAt: life.resAt === undefined ? undefined : iso(life.resAt),
      metadata: ctx.rng.pick(source.metadata),
      resMetadata: life.resAt !== undefined && ctx.rng.chance(0.4) ? ctx.rng.pick(RES_METADATA) : undefined,
      links: ctx.rng.chance(0.3) ? source.links : NO_ITEMS,
      escalation: source.escalation,
      integration: source.integration,
      service: source.service,
      groupedIncident: sampleGrouped(ctx, members, life.ackAt),
    }));
  }
  return incidents;
}

function sampleTriggerTimes(ctx: GenContext, count: number): Float64Array {
  const times = new Float64Array(count);
  const start = ctx.now - ctx.historyDays * DAY_MS;
  const firstDay = Math.floor(start / DAY_MS);
  for (let i = 0; i < count; i++) {
    const prev = times[i - 1];
    if (prev !== undefined && ctx.rng.chance(0.15)) {
      // Alert storms: follow-ups land seconds to minutes after the previous alert.
      times[i] = Math.min(prev + ctx.rng.int(5, 900) * 1000, ctx.now - 1000);
      continue;
    }
    const day = firstDay + ctx.rng.int(0, ctx.historyDays);
    const t = day * DAY_MS + pickWeighted(ctx.rng, HOUR_WEIGHTS) * 3_600_000 + ctx.rng.int(0, 3599) * 1000;
    times[i] = t >= start && t < ctx.now ? t : between(ctx, start, ctx.now);
  }
  return times.sort();
}

function sampleLifecycle(ctx: GenContext, t: number): Lifecycle {
  const { rng } = ctx;
  const ackDelay = (): number => Math.round(logNormal(rng, 120_000, 1.3, 3_000, 3_600_000));
  let ackAt = rng.chance(0.15) ? undefined : t + ackDelay();
  let resAt: number | undefined = (ackAt ?? t) + Math.round(logNormal(rng, 2_400_000, 1.2, 120_000, 43_200_000));
  const age = ctx.now - t;
  const staysOpen = rng.chance(age < 2 * DAY_MS ? 0.35 : age < 14 * DAY_MS ? 0.12 : 0.05);
  if (staysOpen || resAt > ctx.now) resAt = undefined;
  if (staysOpen && age < 3 * DAY_MS && rng.chance(0.5)) ackAt = undefined;
  // Nobody leaves an alert untouched for days: long-open incidents have been acknowledged.
  if (resAt === undefined && ackAt === undefined && age > 2 * DAY_MS) ackAt = t + ackDelay();
  if (ackAt !== undefined && ackAt > ctx.now) ackAt = undefined;
  return { ackAt, resAt };
}

function sampleGrouped(ctx: GenContext, members: readonly Json[], ackAt: number | undefined): Json {
  const priority = ctx.rng.chance(0.85) ? PRIORITIES[pickWeighted(ctx.rng, PRIORITY_WEIGHTS)] : undefined;
  const severity = ctx.rng.chance(0.7) ? SEVERITIES[pickWeighted(ctx.rng, SEVERITY_WEIGHTS)] : undefined;
  let notes: readonly Json[] = NO_ITEMS as readonly Json[];
  if (ackAt !== undefined && members.length > 0 && ctx.rng.chance(0.08)) {
    const author = ctx.rng.pick(members);
    // Spike returns note authors either as an id or populated; produce both.
    const user = ctx.rng.chance(0.2)
      ? { _id: author['_id'], firstName: author['firstName'], lastName: author['lastName'], email: author['email'] }
      : author['_id'];
    notes = [{ content: ctx.rng.pick(NOTE_TEXTS), createdAt: iso(Math.min(ctx.now, ackAt + 60_000)), user }];
  }
  return { priority, severity, notes, comments: NO_ITEMS };
}
