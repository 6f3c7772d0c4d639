import { createHash } from 'node:crypto';
import type { IncidentEventRow } from '../../db/index.js';
import { classifyInterruption } from '../../lib/interruption-class.js';
import { storedJson } from '../../lib/secret-fields.js';
import { withoutControls } from '../../lib/terminal-text.js';
import { MappingError, attempt, boundedId, boundedText, isObject, optionalText, optionalTime, reference, type Mapped } from './fields.js';

export type { IncidentEventRow };

export type EventKind = 'triggered' | 'notification' | 'acknowledged' | 'resolved' | 'escalated' | 'other';

/** A mapped entry, and whether its type was one the worker knows. */
export interface MappedEvent {
  row: IncidentEventRow;
  known: boolean;
}

/** Longest stored message, in code points: a log entry is a line, and its text is the alert sender's to choose. */
export const MAX_EVENT_MESSAGE_CHARS = 2000;
/** Longest stored type, in code points: Spike's types are single words. */
const MAX_EVENT_TYPE_CHARS = 100;
/**
 * Most entries read from one log: a real incident's log holds tens; one of millions would be held in memory and
 * written in one transaction. The rest are skipped and counted (so the log proves neither vanished entries nor responders).
 */
export const MAX_LOG_ENTRIES = 2000;

// Spike does not document the entry types: these are the simulator's and the spellings other tools use.
const KIND_OF_TYPE: Record<string, EventKind> = {
  triggered: 'triggered', trigger: 'triggered', created: 'triggered', incident_triggered: 'triggered', nack: 'triggered',
  acknowledged: 'acknowledged', acknowledge: 'acknowledged', ack: 'acknowledged', incident_acknowledged: 'acknowledged',
  resolved: 'resolved', resolve: 'resolved', res: 'resolved', auto_resolved: 'resolved', autoresolved: 'resolved', incident_resolved: 'resolved',
  escalated: 'escalated', escalation: 'escalated', escalate: 'escalated',
  alert: 'notification', alerted: 'notification', notification: 'notification', notified: 'notification', notify: 'notification',
  phone: 'notification', phone_call: 'notification', call: 'notification', voice: 'notification', sms: 'notification', text: 'notification',
  push: 'notification', push_notification: 'notification', email: 'notification', mail: 'notification', slack: 'notification',
  msteams: 'notification', teams: 'notification', whatsapp: 'notification', telegram: 'notification', discord: 'notification', webhook: 'notification',
};

// The first that matches names the channel: the type's words are checked before the message's.
const CHANNELS: readonly [RegExp, string][] = [
  [/\b(?:sms|text message)\b/, 'sms'],
  [/\bpush\b/, 'push'],
  [/\b(?:phone|call|voice)\b/, 'phone'],
  [/\be-?mail\b/, 'email'],
  [/\bslack\b/, 'slack'],
  [/\b(?:ms ?teams|microsoft teams)\b/, 'msteams'],
  [/\bwhatsapp\b/, 'whatsapp'],
  [/\btelegram\b/, 'telegram'],
  [/\bdiscord\b/, 'discord'],
  [/\bwebhook\b/, 'webhook'],
];

function words(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** What the worker understands of an entry's type; a type it does not know is `other`. */
export function kindOfType(type: string): EventKind {
  const key = words(type).replace(/ /g, '_');
  // Own keys only: a type named `constructor` is not a kind.
  return Object.hasOwn(KIND_OF_TYPE, key) ? (KIND_OF_TYPE[key] as EventKind) : 'other';
}

/** The channel a notification went out on, from its type, else its message; null when neither names one. */
export function channelOf(type: string, message: string | null): string | null {
  for (const text of [words(type).replace(/_/g, ' '), message === null ? '' : words(message)]) {
    for (const [pattern, channel] of CHANNELS) if (pattern.test(text)) return channel;
  }
  return null;
}

function boundedMessage(value: unknown): string | null {
  const text = optionalText(value);
  return text === null ? null : boundedText(withoutControls(text), MAX_EVENT_MESSAGE_CHARS);
}

/** The id part of an entry without `_id`: the same entry of the same incident gets the same one on every read. */
function derivedEntryId(parts: readonly unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 24);
}

/**
 * One activity-log entry → row, without its interruption class (that needs the whole log and the people's
 * time zones: see eventsOfLog). Only `createdAt` is required; any type is stored.
 */
export function mapIncidentEvent(item: unknown, incidentId: string, teamId: string): Mapped<MappedEvent> {
  return attempt(() => {
    if (!isObject(item)) throw new MappingError('entry is not an object');
    const createdAt = optionalTime(item.createdAt, 'createdAt') ?? optionalTime(item.time, 'time');
    if (createdAt === null) throw new MappingError('entry has no createdAt');
    const type = boundedText(withoutControls(optionalText(item.type) ?? optionalText(item.action) ?? ''), MAX_EVENT_TYPE_CHARS) ?? '';
    const kind = kindOfType(type);
    const message = boundedMessage(item.message ?? item.text);
    const userId = reference(item.user, undefined, 'user').id;
    const ownId = boundedId(item._id ?? item.id, '_id');
    const row: IncidentEventRow = {
      // Entry ids are only unique within a log (two logs may both number theirs "1", "2"): the key names the incident.
      id: `${incidentId}:${ownId ?? derivedEntryId([type, createdAt, userId, message])}`,
      incidentId,
      teamId,
      type,
      kind,
      channel: kind === 'notification' || kind === 'escalated' ? channelOf(type, message) : null,
      userId,
      message,
      createdAt,
      interruption: null,
      raw: storedJson(item),
    };
    return { row, known: kind !== 'other' };
  });
}

/** Channels that interrupt a person (PagerDuty's definition): email and chat do not. */
const INTERRUPTING = new Set(['phone', 'sms', 'push']);
/** Notifications of one incident to one person this close after a counted one are the same interruption. */
const SAME_INTERRUPTION_MS = 60_000;

export interface LogEvents {
  rows: IncidentEventRow[];
  /** Entries stored whose type the worker does not know. */
  unknown: number;
  skipped: { count: number; firstError: string | null };
  /** The user of the first acknowledgement, of the last resolution (null when none, or it names no user). */
  acknowledgedBy: string | null;
  resolvedBy: string | null;
}

/**
 * An incident's whole activity log → its rows, in time order, with the interruption class of each notification
 * that interrupted someone, classed in that person's time zone (`zoneOf`: null means UTC). Entries with the same
 * id keep the last.
 */
export function eventsOfLog(items: readonly unknown[], incident: { id: string; teamId: string }, zoneOf: (userId: string) => string | null): LogEvents {
  const byId = new Map<string, MappedEvent>();
  const skipped = { count: 0, firstError: null as string | null };
  if (items.length > MAX_LOG_ENTRIES) {
    skipped.count = items.length - MAX_LOG_ENTRIES;
    skipped.firstError = `the log has ${items.length} entries; only the first ${MAX_LOG_ENTRIES} are kept`;
  }
  for (const item of items.slice(0, MAX_LOG_ENTRIES)) {
    const mapped = mapIncidentEvent(item, incident.id, incident.teamId);
    if (mapped.ok) byId.set(mapped.row.row.id, mapped.row);
    else {
      skipped.count++;
      skipped.firstError ??= mapped.error;
    }
  }
  const events = [...byId.values()].sort((a, b) => a.row.createdAt.localeCompare(b.row.createdAt) || a.row.id.localeCompare(b.row.id));
  const rows = events.map((e) => e.row);
  classifyInterruptions(rows, zoneOf);
  const acknowledged = rows.filter((r) => r.kind === 'acknowledged');
  const resolved = rows.filter((r) => r.kind === 'resolved');
  return {
    rows,
    unknown: events.filter((e) => !e.known).length,
    skipped,
    acknowledgedBy: acknowledged[0]?.userId ?? null,
    resolvedBy: resolved.at(-1)?.userId ?? null,
  };
}

/** Sets `interruption` on rows in time order: the first of a burst to one person keeps the class, the rest null. */
function classifyInterruptions(rows: IncidentEventRow[], zoneOf: (userId: string) => string | null): void {
  const lastCounted = new Map<string, number>();
  for (const row of rows) {
    if (row.kind !== 'notification' || row.userId === null || row.channel === null || !INTERRUPTING.has(row.channel)) continue;
    const at = Date.parse(row.createdAt);
    const previous = lastCounted.get(row.userId);
    if (previous !== undefined && at - previous < SAME_INTERRUPTION_MS) continue;
    lastCounted.set(row.userId, at);
    row.interruption = classifyInterruption(new Date(at), zoneOf(row.userId));
  }
}
