import { describe, expect, it } from 'vitest';
import { MAX_EVENT_MESSAGE_CHARS, MAX_LOG_ENTRIES, channelOf, eventsOfLog, kindOfType, mapIncidentEvent } from '../../src/jobs/mappers/incident-event.js';

const TEAM = '64a1b2c3d4e5f6789012345a';
const INCIDENT = { id: '66f000000000000000000101', teamId: TEAM };
const ADA = '650000000000000000000001';
const BOB = '650000000000000000000002';
const noZones = () => null;

/** spike-api.md 5.6 */
const documented = [
  { _id: '66f000000000000000000901', type: 'triggered', message: 'Incident triggered via Checkout - Datadog', user: null, createdAt: '2026-08-20T09:00:00.000Z' },
  { _id: '66f000000000000000000902', type: 'alert', message: 'Phone call to Ada Lovelace', user: ADA, createdAt: '2026-08-20T09:00:05.000Z' },
  { _id: '66f000000000000000000903', type: 'acknowledged', message: 'Acknowledged by Ada Lovelace', user: ADA, createdAt: '2026-08-20T09:04:10.000Z' },
];

describe('mapIncidentEvent', () => {
  it('cuts a long type at 100 code points without splitting a surrogate pair', () => {
    const mapped = mapIncidentEvent({ _id: 'e', type: `${'a'.repeat(99)}${'\u{1F525}'.repeat(10)}`, createdAt: '2026-08-20T09:00:00Z' }, INCIDENT.id, TEAM);
    if (!mapped.ok) throw new Error(mapped.error);
    expect(Array.from(mapped.row.row.type)).toHaveLength(100);
    expect(mapped.row.row.type).toBe(`${'a'.repeat(99)}\u{1F525}`);
  });

  it('maps the documented entries', () => {
    const rows = documented.map((item) => mapIncidentEvent(item, INCIDENT.id, TEAM));
    expect(rows[1]).toEqual({
      ok: true,
      row: {
        known: true,
        row: {
          id: `${INCIDENT.id}:66f000000000000000000902`, incidentId: INCIDENT.id, teamId: TEAM, type: 'alert', kind: 'notification', channel: 'phone',
          userId: ADA, message: 'Phone call to Ada Lovelace', createdAt: '2026-08-20T09:00:05.000Z', interruption: null, raw: JSON.stringify(documented[1]),
        },
      },
    });
    expect(rows.map((r) => (r.ok ? r.row.row.kind : r.error))).toEqual(['triggered', 'notification', 'acknowledged']);
  });

  it('knows the usual spellings of types and channels, and calls any other type other', () => {
    expect(['alert', 'notification', 'notified', 'phone', 'SMS', 'push-notification', 'email', 'Phone Call'].map(kindOfType)).toEqual(Array(8).fill('notification'));
    expect(['ACK', 'acknowledged', 'Resolved', 'auto-resolved', 'escalated', 'Triggered'].map(kindOfType)).toEqual(['acknowledged', 'acknowledged', 'resolved', 'resolved', 'escalated', 'triggered']);
    expect(['note_added', 'constructor', '', 'toString'].map(kindOfType)).toEqual(['other', 'other', 'other', 'other']);
    expect(channelOf('sms', null)).toBe('sms');
    expect(channelOf('push_notification', 'Phone call to Ada')).toBe('push');
    expect(channelOf('alert', 'Email sent to ada@example.com')).toBe('email');
    expect(channelOf('alert', 'Posted to Slack #incidents')).toBe('slack');
    expect(channelOf('alert', 'Notified Ada')).toBeNull();
  });

  it('keeps a user id as given, null when absent, and reads populated users', () => {
    const user = (value: unknown) => {
      const r = mapIncidentEvent({ _id: 'e', type: 'alert', user: value, createdAt: '2026-08-20T09:00:00Z' }, INCIDENT.id, TEAM);
      return r.ok ? r.row.row.userId : r.error;
    };
    expect([user(undefined), user(null), user('not-a-known-user'), user({ _id: BOB, firstName: 'Bob' })]).toEqual([null, null, 'not-a-known-user', BOB]);
  });

  it('derives a stable id for an entry without one, bounds the message and strips control characters', () => {
    const item = { type: 'note', message: `a\u001b[2Jb\u202e${'x'.repeat(5000)}`, createdAt: '2026-08-20T09:00:00Z' };
    const first = mapIncidentEvent(item, INCIDENT.id, TEAM);
    const again = mapIncidentEvent({ ...item }, INCIDENT.id, TEAM);
    const other = mapIncidentEvent({ ...item, createdAt: '2026-08-20T09:00:01Z' }, INCIDENT.id, TEAM);
    if (!first.ok || !again.ok || !other.ok) throw new Error('not mapped');
    expect(first.row.row.id).toBe(again.row.row.id);
    expect(first.row.row.id).not.toBe(other.row.row.id);
    expect(first.row.row.id.startsWith(`${INCIDENT.id}:`)).toBe(true);
    expect(first.row.known).toBe(false);
    expect(first.row.row.message?.startsWith('a[2Jbx')).toBe(true);
    expect(Array.from(first.row.row.message ?? '')).toHaveLength(MAX_EVENT_MESSAGE_CHARS);
  });

  it('skips an entry without a usable time', () => {
    expect(mapIncidentEvent({ _id: 'e', type: 'alert' }, INCIDENT.id, TEAM)).toEqual({ ok: false, error: 'entry has no createdAt' });
    expect(mapIncidentEvent('alert', INCIDENT.id, TEAM).ok).toBe(false);
  });
});

describe('eventsOfLog', () => {
  it('keeps the first 2,000 entries of a log and counts the rest as skipped', () => {
    const items = Array.from({ length: MAX_LOG_ENTRIES + 5 }, (_, i) => ({ _id: `n${i}`, type: 'note', createdAt: new Date(Date.UTC(2026, 10, 20) + i * 1000).toISOString() }));
    const log = eventsOfLog(items, INCIDENT, noZones);
    expect(log.rows).toHaveLength(MAX_LOG_ENTRIES);
    expect(log.rows.at(-1)?.id).toBe(`${INCIDENT.id}:n${MAX_LOG_ENTRIES - 1}`);
    expect(log.skipped).toEqual({ count: 5, firstError: `the log has ${MAX_LOG_ENTRIES + 5} entries; only the first ${MAX_LOG_ENTRIES} are kept` });
  });

  const entry = (id: string, type: string, createdAt: string, user: string | null, message = '') => ({ _id: id, type, message, user, createdAt });
  /** The entry's own id, without the incident the row's key names. */
  const entryId = (row: { id: string }) => row.id.slice(INCIDENT.id.length + 1);

  it('takes responders from the first acknowledgement and the last resolution', () => {
    const log = eventsOfLog([
      entry('r2', 'resolved', '2026-11-20T12:00:00Z', BOB),
      entry('a1', 'acknowledged', '2026-11-20T10:00:00Z', ADA),
      entry('a2', 'acknowledged', '2026-11-20T10:30:00Z', BOB),
      entry('r1', 'resolved', '2026-11-20T11:00:00Z', ADA),
    ], INCIDENT, noZones);
    expect(log.rows.map((r) => r.id)).toEqual(['a1', 'a2', 'r1', 'r2'].map((id) => `${INCIDENT.id}:${id}`));
    expect([log.acknowledgedBy, log.resolvedBy]).toEqual([ADA, BOB]);
    const auto = eventsOfLog([entry('t', 'triggered', '2026-11-20T10:00:00Z', null), entry('r', 'resolved', '2026-11-20T11:00:00Z', null)], INCIDENT, noZones);
    expect([auto.acknowledgedBy, auto.resolvedBy]).toEqual([null, null]);
  });

  it('counts unknown types and skipped entries without failing', () => {
    const log = eventsOfLog([entry('n', 'note_added', '2026-11-20T10:00:00Z', ADA), entry('w', 'whatever', '2026-11-20T10:01:00Z', null), { _id: 'x', type: 'alert' }], INCIDENT, noZones);
    expect(log.rows.map((r) => [entryId(r), r.kind])).toEqual([['n', 'other'], ['w', 'other']]);
    expect(log.unknown).toBe(2);
    expect(log.skipped).toEqual({ count: 1, firstError: 'entry has no createdAt' });
  });

  it('classes interruptions: phone, SMS and push to a person, once per person per minute, in their zone', () => {
    const zones: Record<string, string> = { [ADA]: 'Europe/London', [BOB]: 'America/New_York' };
    // Friday 2026-11-20 14:00 UTC: 14:00 in London (business), 09:00 in New York (business); 23:30 UTC: sleep in London, off-hours in New York, sleep in UTC (a user without a zone).
    const log = eventsOfLog([
      entry('p1', 'alert', '2026-11-20T14:00:00Z', ADA, 'Push notification to Ada'),
      entry('c1', 'alert', '2026-11-20T14:00:59Z', ADA, 'Phone call to Ada'),
      entry('c2', 'alert', '2026-11-20T14:01:00Z', ADA, 'Phone call to Ada'),
      entry('e1', 'alert', '2026-11-20T14:00:01Z', BOB, 'Email to Bob'),
      entry('s1', 'sms', '2026-11-20T14:00:02Z', BOB, 'Text to Bob'),
      entry('n1', 'alert', '2026-11-20T14:00:03Z', null, 'Phone call to nobody'),
      entry('x1', 'escalated', '2026-11-20T14:05:00Z', BOB, 'Escalated to Bob via phone'),
      entry('p2', 'push', '2026-11-20T23:30:00Z', ADA, ''),
      entry('p3', 'push', '2026-11-20T23:30:00Z', BOB, ''),
      entry('u1', 'alert', '2026-11-20T23:30:00Z', 'unknown-user', 'Phone call'),
    ], INCIDENT, (user) => zones[user] ?? null);
    const classes = Object.fromEntries(log.rows.map((r) => [entryId(r), r.interruption]));
    expect(classes).toEqual({ p1: 'business', c1: null, c2: 'business', e1: null, s1: 'business', n1: null, x1: null, p2: 'sleep', p3: 'off_hours', u1: 'sleep' });
  });
});
