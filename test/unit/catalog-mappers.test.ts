import { describe, expect, it } from 'vitest';
import { isDueAfter } from '../../src/jobs/due-streams.js';
import { mapEscalationPolicy, mapEscalationTargets, mapIntegration, mapService } from '../../src/jobs/mappers/catalog.js';
import { MAX_TEXT_LENGTH } from '../../src/jobs/mappers/fields.js';
import { mapOncallSchedule } from '../../src/jobs/mappers/org-entities.js';
import { STREAMS } from '../../src/jobs/streams.js';
import { REDACTED } from '../../src/lib/secret-fields.js';
import { defaultSettings } from '../helpers/harness.js';

const TEAM = '64a1b2c3d4e5f6789012345a';

function rowOf<Row>(mapped: { ok: true; row: Row } | { ok: false; error: string }): Row {
  if (!mapped.ok) throw new Error(mapped.error);
  return mapped.row;
}

describe('catalog mappers', () => {
  it('names an integration by customName, then name, slug, id, and keeps its token out of every field', () => {
    const item = { _id: 'i1', token: 'tok_3f9a8b7c6d5e4f3a2b1c', slug: 'datadog', service: { _id: 's1', name: 'Checkout' }, escalation: 'e1', ackTimeout: '15', enabled: 'yes' };
    const row = rowOf(mapIntegration({ ...item, customName: 'Checkout - Datadog' }, TEAM));
    expect(row).toMatchObject({ name: 'Checkout - Datadog', serviceId: 's1', escalationId: 'e1', ackTimeoutMinutes: 15, enabled: null, repeatEscalation: null });
    expect(JSON.parse(row.raw)).toHaveProperty('token', REDACTED);
    expect(JSON.stringify(row)).not.toContain('tok_3f9a');
    expect(rowOf(mapIntegration({ ...item, name: 'Plain' }, TEAM)).name).toBe('Plain');
    expect(rowOf(mapIntegration(item, TEAM)).name).toBe('datadog');
    expect(rowOf(mapIntegration({ _id: 'i2', customName: '' }, TEAM)).name).toBe('i2');
  });

  it('bounds text from the API', () => {
    const row = rowOf(mapService({ _id: 's1', counterId: 7, name: 'x'.repeat(MAX_TEXT_LENGTH + 50), desc: null }, TEAM));
    expect(row).toMatchObject({ counterId: '7', description: null });
    expect(row.name).toHaveLength(MAX_TEXT_LENGTH);
  });

  it('reads a policy delay given as a number or numeric text, and one target per rule naming a user or a schedule', () => {
    const item = {
      _id: 'p1', name: 'Primary', delay: '5',
      escalation: [
        [{ via: 'push-notification', oncall: 'o1' }, { via: 'slack', channel: 'C01' }],
        [{ via: 'phone', user: { _id: 'u1' } }, { user_id: 'u2' }, { oncall_schedule_id: 'o2', via: 'sms' }],
      ],
    };
    expect(rowOf(mapEscalationPolicy(item, TEAM))).toMatchObject({ delayMinutes: 5, stepCount: 2 });
    expect(rowOf(mapEscalationPolicy({ ...item, delay: 10 }, TEAM)).delayMinutes).toBe(10);
    expect(rowOf(mapEscalationPolicy({ ...item, delay: 'soon' }, TEAM)).delayMinutes).toBeNull();
    expect(rowOf(mapEscalationTargets(item, TEAM)).map(({ raw: _raw, ...t }) => t)).toEqual([
      { id: 'p1:1:0', teamId: TEAM, policyId: 'p1', step: 1, targetType: 'oncall_schedule', targetId: 'o1', via: 'push-notification' },
      { id: 'p1:2:0', teamId: TEAM, policyId: 'p1', step: 2, targetType: 'user', targetId: 'u1', via: 'phone' },
      { id: 'p1:2:1', teamId: TEAM, policyId: 'p1', step: 2, targetType: 'user', targetId: 'u2', via: null },
      { id: 'p1:2:2', teamId: TEAM, policyId: 'p1', step: 2, targetType: 'oncall_schedule', targetId: 'o2', via: 'sms' },
    ]);
    expect(rowOf(mapEscalationTargets({ _id: 'p2', escalation: 'not steps' }, TEAM))).toEqual([]);
  });

  it("gives a shared schedule the first of its own teams when the listing team is one of them, else the listing team", () => {
    const schedule = { _id: 'o1', name: 'Platform', teams: ['t1', 't2'] };
    expect(rowOf(mapOncallSchedule(schedule, 't2')).teamId).toBe('t1');
    expect(rowOf(mapOncallSchedule(schedule, 't3')).teamId).toBe('t3');
    expect(rowOf(mapOncallSchedule({ _id: 'o1' }, 't3')).teamId).toBe('t3');
  });
});

describe('a stream read on an interval', () => {
  const services = STREAMS.find((s) => s.name === 'services')!;
  const incidents = STREAMS.find((s) => s.name === 'incidents')!;
  const now = new Date('2026-11-20T12:00:00.000Z');
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const interval = defaultSettings.catalogIntervalMs;

  it('is due when it never succeeded, once its last success is at least the interval old, and on --full', () => {
    expect(isDueAfter(services, defaultSettings, null, now)).toBe(true);
    expect(isDueAfter(services, defaultSettings, ago(interval - 1), now)).toBe(false);
    expect(isDueAfter(services, defaultSettings, ago(interval), now)).toBe(true);
    expect(isDueAfter(services, { ...defaultSettings, full: true }, ago(1), now)).toBe(true);
  });

  it('is due when its last success lies in the future (the clock was set back), not only once the clock catches up', () => {
    expect(isDueAfter(services, defaultSettings, ago(-1), now)).toBe(true);
    expect(isDueAfter(services, defaultSettings, ago(-365 * 86_400_000), now)).toBe(true);
  });

  it('is every run for a stream without one', () => {
    expect(isDueAfter(incidents, defaultSettings, ago(1), now)).toBe(true);
  });
});
