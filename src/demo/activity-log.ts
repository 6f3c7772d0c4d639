import { derivedId } from './ids.js';
import type { Json } from './sim-org.js';

function refName(ref: unknown, ...keys: string[]): string | undefined {
  if (typeof ref !== 'object' || ref === null) return undefined;
  for (const key of keys) {
    const value = (ref as Json)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A 5.6 activity log derived from the incident's current state, so it follows mutations made between
 * syncs. The responder is picked from the team by the incident id, which keeps it stable.
 */
export function buildActivityLog(inc: Json, responders: readonly Json[]): Json[] {
  const id = String(inc['_id']);
  const responder = responders[parseInt(id.slice(-4), 16) % Math.max(1, responders.length)];
  const who = responder ? `${String(responder['firstName'])} ${String(responder['lastName'])}` : 'a responder';
  const userId = responder ? responder['_id'] : null;
  const source = refName(inc['integration'], 'customName', 'name') ?? 'API';
  const entry = (n: number, type: string, message: string, user: unknown, createdAt: unknown): Json =>
    ({ _id: derivedId(id, 'activity', String(n)), type, message, user, createdAt });
  const nackAt = String(inc['NACK_at']);
  const log = [
    entry(1, 'triggered', `Incident triggered via ${source}`, null, nackAt),
    entry(2, 'alert', `Phone call to ${who}`, userId, new Date(Date.parse(nackAt) + 5000).toISOString()),
  ];
  if (typeof inc['ACK_at'] === 'string') log.push(entry(3, 'acknowledged', `Acknowledged by ${who}`, userId, inc['ACK_at']));
  if (typeof inc['RES_at'] === 'string') {
    const manual = typeof inc['ACK_at'] === 'string';
    log.push(entry(4, 'resolved', manual ? `Resolved by ${who}` : `Auto-resolved by ${source}`, manual ? userId : null, inc['RES_at']));
  }
  return log;
}
