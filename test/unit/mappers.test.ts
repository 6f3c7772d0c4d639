import { describe, expect, it } from 'vitest';
import { mapIncident } from '../../src/jobs/mappers/incident.js';
import { mapOncallOverride } from '../../src/jobs/mappers/oncall.js';
import { mapOncallSchedule, mapTeam, mapTeamMember, mapUser } from '../../src/jobs/mappers/org-entities.js';

const TEAM = '64a1b2c3d4e5f6789012345a';

const canonical = {
  _id: '66f000000000000000000101',
  counterId: 'pay-118',
  message: 'Checkout 5xx above 2%',
  status: 'ACK',
  NACK_at: '2026-08-20T09:00:00.000Z',
  ACK_at: '2026-08-20T09:04:10.000Z',
  createdAt: '2026-08-20T09:00:00.000Z',
  updatedAt: '2026-08-20T09:04:10.000Z',
  escalation: { _id: '66e000000000000000000201', name: 'Payments primary' },
  integration: { _id: '66e000000000000000000301', customName: 'Checkout - Datadog', name: 'Checkout - DD' },
  service: { _id: '66e000000000000000000401', name: 'Checkout API' },
  team: TEAM,
  groupedIncident: { priority: 'p1', severity: 'sev1', notes: [], comments: [] },
};

describe('mapIncident', () => {
  it('maps the canonical item of spike-api.md 5.3', () => {
    const result = mapIncident(canonical, TEAM);
    expect(result).toEqual({
      ok: true,
      row: {
        id: '66f000000000000000000101',
        teamId: TEAM,
        teamFromListing: false,
        counterId: 'pay-118',
        title: 'Checkout 5xx above 2%',
        status: 'ACK',
        priority: 'p1',
        severity: 'sev1',
        triggeredAt: '2026-08-20T09:00:00.000Z',
        acknowledgedAt: '2026-08-20T09:04:10.000Z',
        resolvedAt: null,
        createdAt: '2026-08-20T09:00:00.000Z',
        updatedAt: '2026-08-20T09:04:10.000Z',
        serviceId: '66e000000000000000000401',
        serviceName: 'Checkout API',
        integrationId: '66e000000000000000000301',
        integrationName: 'Checkout - Datadog',
        escalationId: '66e000000000000000000201',
        escalationName: 'Payments primary',
        raw: JSON.stringify(canonical),
      },
    });
  });

  it('tolerates the documented drift: title, top-level priority, createdAt fallback, id-string references', () => {
    const drifted = {
      _id: 'x1',
      title: 'Disk full',
      status: 'resolved',
      priority: 'p3',
      severity: 'sev2',
      createdAt: '2026-08-20T10:00:00Z',
      RES_at: 1_787_220_000_000,
      service: '66e000000000000000000401',
      integration: { _id: 'i1', name: 'From name' },
      escalation: 'e1',
    };
    const result = mapIncident(drifted, TEAM);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row).toMatchObject({
      title: 'Disk full',
      status: 'RES',
      priority: 'p3',
      severity: 'sev2',
      triggeredAt: '2026-08-20T10:00:00.000Z',
      resolvedAt: new Date(1_787_220_000_000).toISOString(),
      serviceId: '66e000000000000000000401',
      serviceName: null,
      integrationName: 'From name',
      escalationId: 'e1',
      escalationName: null,
    });
  });

  it.each([
    [{ ...canonical, _id: undefined }, 'no _id'],
    [{ ...canonical, status: 'open' }, 'unknown incident status'],
    [{ ...canonical, NACK_at: 'yesterday' }, 'NACK_at is not a valid timestamp'],
    [{ ...canonical, ACK_at: { when: 1 } }, 'ACK_at is not a timestamp'],
    [{ ...canonical, NACK_at: undefined, createdAt: undefined }, 'neither NACK_at nor createdAt'],
    ['a string', 'not an object'],
  ])('skips an unusable item with a reason (%#)', (item, reason) => {
    const result = mapIncident(item, TEAM);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(reason);
  });
});

describe('names an incident references', () => {
  it('are cut to 256 characters, whole code points: they are grouped by and indexed', () => {
    const long = `${'é'.repeat(255)}😀${'x'.repeat(5000)}`;
    const result = mapIncident({ ...canonical, service: { _id: '66e000000000000000000401', name: long }, integration: { _id: '66e000000000000000000301', customName: long } }, TEAM);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.serviceName).toBe(`${'é'.repeat(255)}😀`);
    expect(Array.from(result.row.integrationName!)).toHaveLength(256);
    expect(result.row.escalationName).toBe('Payments primary');
  });
});

describe('half of a character (a lone surrogate) in text from the API', () => {
  it('becomes U+FFFD in text columns, and makes an id unusable', () => {
    const result = mapIncident({ ...canonical, message: 'lone \ud800 high', service: { _id: '66e000000000000000000401', name: 'low \udc00' } }, TEAM);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect([result.row.title, result.row.serviceName]).toEqual(['lone \ufffd high', 'low \ufffd']);
    // A pair, in either order of appearance in the text, is one character and stays.
    expect(mapIncident({ ...canonical, message: 'pair \ud83d\ude00' }, TEAM)).toMatchObject({ ok: true, row: { title: 'pair 😀' } });
    expect(mapTeam({ _id: '66e0000000000000000000a\ud800', name: 'Payments' })).toEqual({ ok: false, error: '_id contains half of a character (a lone surrogate)' });
  });
});

describe('snapshot mappers', () => {
  it('maps a team', () => {
    const team = { _id: TEAM, name: 'Payments', uid: 'pay', desc: 'Card flows', default: true, private: false, users: [], createdAt: '2025-03-01T10:00:00.000Z' };
    expect(mapTeam(team)).toEqual({
      ok: true,
      row: { id: TEAM, name: 'Payments', uid: 'pay', description: 'Card flows', isDefault: true, isPrivate: false, createdAt: '2025-03-01T10:00:00.000Z', updatedAt: null, raw: JSON.stringify(team) },
    });
  });

  it('maps a removed org member and derives a display name', () => {
    const user = { _id: 'u3', firstName: 'Cy', lastName: 'Gone', email: 'cy@example.com', role: 'viewer', removed: true, teams: [], timezone: 'Etc/UTC' };
    const result = mapUser(user);
    expect(result.ok && result.row).toMatchObject({ id: 'u3', name: 'Cy Gone', removed: true, role: 'viewer', timezone: 'Etc/UTC' });
    const bare = mapUser({ _id: 'u4', email: 'x@example.com' });
    expect(bare.ok && bare.row.name).toBe('x@example.com');
  });

  it('keys memberships by team and user', () => {
    const result = mapTeamMember({ _id: 'u1', firstName: 'Ada' }, TEAM);
    expect(result.ok && result.row).toMatchObject({ id: `${TEAM}:u1`, teamId: TEAM, userId: 'u1' });
  });

  it('maps a schedule with users as ids or objects', () => {
    const result = mapOncallSchedule({ _id: 's1', name: 'Primary', users: ['u1', { _id: 'u2' }], layers: [{}, {}], timezone: 'Europe/London' }, TEAM);
    expect(result.ok && result.row).toMatchObject({ id: 's1', teamId: TEAM, userIds: '["u1","u2"]', layerCount: 2, timezone: 'Europe/London' });
  });
});

describe('mapOncallOverride', () => {
  it('bounds its untrusted description and time zone', () => {
    const mapped = mapOncallOverride(
      { id: 'o1', user: '650000000000000000000001', start: '2026-08-20T09:00:00Z', end: '2026-08-21T09:00:00Z', desc: 'd'.repeat(5000), timezone: 'Z'.repeat(500) },
      { id: 'schedule-1', teamId: TEAM },
    );
    if (!mapped.ok) throw new Error(mapped.error);
    expect(mapped.row.description).toBe('d'.repeat(2000));
    expect(mapped.row.timezone).toBe('Z'.repeat(64));
  });
});

describe('an incident whose team field is no Spike id', () => {
  it('is kept under the listing team, even when that field holds control characters or is huge', () => {
    for (const team of ['64a1b2c3d4e5f6789012\u0000345a', 'f'.repeat(5000), { _id: 'not\u0000an id' }]) {
      const mapped = mapIncident({ ...canonical, team }, TEAM);
      expect(mapped.ok && mapped.row.teamId).toBe(TEAM);
    }
  });
});

describe('where an incident row takes its team from', () => {
  const OTHER = '64a1b2c3d4e5f6789012345b';

  it('is the item when it names a team, by id or populated, whichever team listed it', () => {
    for (const team of [OTHER, { _id: OTHER, name: 'Other' }, { id: OTHER }]) {
      const mapped = mapIncident({ ...canonical, team }, TEAM);
      expect(mapped.ok && { teamId: mapped.row.teamId, teamFromListing: mapped.row.teamFromListing }).toEqual({ teamId: OTHER, teamFromListing: false });
    }
  });

  it('is the listing when the item names none, or names no Spike id', () => {
    for (const team of [undefined, null, '', 'not an id', { name: 'Payments' }]) {
      const mapped = mapIncident({ ...canonical, team }, TEAM);
      expect(mapped.ok && { teamId: mapped.row.teamId, teamFromListing: mapped.row.teamFromListing }).toEqual({ teamId: TEAM, teamFromListing: true });
    }
  });
});
