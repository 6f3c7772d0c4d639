import { derivedId } from './ids.js';
import { activeShift } from './oncall-timeline.js';
import { createRng, type Rng } from './rng.js';
import type { Json } from './sim-org.js';

const MINUTE = 60_000;
/** An incident not acknowledged this long after it triggered escalates to a second person. */
const ESCALATE_AFTER_MS = 10 * MINUTE;
/** The phone call follows the push this long after, unless someone acknowledged first. */
const CALL_AFTER_MS = 2 * MINUTE;

/** Where the sim finds who was on call: the team's schedules and the organisation's overrides. */
export interface OncallSources {
  schedules: readonly Json[];
  overrides: readonly Json[];
}

interface Person {
  id: string | null;
  name: string;
}

function refName(ref: unknown, ...keys: string[]): string | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  for (const key of keys) {
    const value = (ref as Json)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

function personOf(userId: string, members: readonly Json[]): Person {
  const m = members.find((member) => member['_id'] === userId);
  return { id: userId, name: m ? `${String(m['firstName'])} ${String(m['lastName'])}` : 'a responder' };
}

/** Whoever the team's first schedule had on call at `at`, else a team member picked by the incident. */
function firstResponder(at: number, members: readonly Json[], oncall: OncallSources, rng: Rng): Person | null {
  for (const schedule of oncall.schedules) {
    const shift = activeShift(schedule, oncall.overrides.filter((o) => o['oncall'] === schedule['_id']), at);
    if (shift) return personOf(shift.user, members);
  }
  return members.length > 0 ? personOf(String(rng.pick(members)['_id']), members) : null;
}

function secondResponder(first: Person | null, members: readonly Json[], rng: Rng): Person | null {
  const others = members.filter((m) => m['_id'] !== first?.id);
  return others.length > 0 ? personOf(String(rng.pick(others)['_id']), members) : first;
}

/**
 * A 5.6 activity log consistent with the incident's current state, so it follows mutations made between
 * syncs: triggered; the person on call notified by push, then phone (sometimes SMS or email too) until
 * someone acknowledges; an escalation to a second person when acknowledgement took over ten minutes;
 * acknowledged and resolved by someone, or auto-resolved. The same incident state gives the same log.
 */
export function buildActivityLog(inc: Json, members: readonly Json[], oncall: OncallSources = { schedules: [], overrides: [] }): Json[] {
  const id = String(inc['_id']);
  const rng = createRng(parseInt(id.slice(-8), 16) || 1);
  const nack = Date.parse(String(inc['NACK_at']));
  const ack = typeof inc['ACK_at'] === 'string' ? Date.parse(inc['ACK_at']) : null;
  const res = typeof inc['RES_at'] === 'string' ? Date.parse(inc['RES_at']) : null;
  // Notifications stop once someone acknowledges (or the incident resolves on its own).
  const quietFrom = ack ?? res ?? Infinity;
  const source = refName(inc['integration'], 'customName', 'name') ?? 'API';
  const first = firstResponder(nack, members, oncall, rng);
  const log: Json[] = [];
  const add = (key: string, at: number, type: string, message: string, user: Person | null): void => {
    log.push({ _id: derivedId(id, 'activity', key), type, message, user: user?.id ?? null, createdAt: new Date(at).toISOString() });
  };
  const notify = (who: Person | null, from: number, key: string): void => {
    if (!who) return;
    const channels: [string, number, string][] = [['push', 5_000, 'Push notification to'], ['phone', CALL_AFTER_MS, 'Phone call to']];
    if (rng.chance(0.3)) channels.push(['sms', 20_000, 'SMS to']);
    if (rng.chance(0.3)) channels.push(['email', 10_000, 'Email to']);
    for (const [channel, after, text] of channels) {
      if (from + after < quietFrom) add(`${key}-${channel}`, from + after, 'alert', `${text} ${who.name}`, who);
    }
  };
  add('triggered', nack, 'triggered', `Incident triggered via ${source}`, null);
  notify(first, nack, 'first');
  let acker = first;
  if (quietFrom !== Infinity && quietFrom - nack > ESCALATE_AFTER_MS) {
    const second = secondResponder(first, members, rng);
    add('escalated', nack + ESCALATE_AFTER_MS, 'escalated', `Escalated to ${second?.name ?? 'the next level'}`, second);
    notify(second, nack + ESCALATE_AFTER_MS, 'second');
    if (rng.chance(0.6)) acker = second;
  }
  if (ack !== null) add('acknowledged', ack, 'acknowledged', `Acknowledged by ${acker?.name ?? 'a responder'}`, acker);
  if (res !== null) {
    const resolver = ack === null ? null : rng.chance(0.8) ? acker : secondResponder(acker, members, rng);
    add('resolved', res, 'resolved', resolver ? `Resolved by ${resolver.name}` : `Auto-resolved by ${source}`, resolver);
  }
  return log.sort((a, b) => String(a['createdAt']).localeCompare(String(b['createdAt'])));
}
