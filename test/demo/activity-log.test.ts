import { describe, expect, it } from 'vitest';
import { buildActivityLog, type OncallSources } from '../../src/demo/activity-log.js';
import { generateOrg } from '../../src/demo/generator.js';
import { activeShift } from '../../src/demo/oncall-timeline.js';
import type { Json, SimOrg } from '../../src/demo/sim-org.js';

const org = generateOrg({ seed: 11, teams: 2, incidentsPerTeam: [150, 80] });

function teamOf(o: SimOrg, inc: Json): { members: Json[]; oncall: OncallSources } {
  const team = String(inc['team']);
  return {
    members: o.members.filter((m) => m['removed'] !== true && (m['teams'] as string[]).includes(team)),
    oncall: { schedules: o.oncalls.filter((s) => (s['teams'] as string[]).includes(team)), overrides: o.overrides },
  };
}

function logOf(inc: Json): Json[] {
  const { members, oncall } = teamOf(org, inc);
  return buildActivityLog(inc, members, oncall);
}

const ms = (value: unknown) => Date.parse(String(value));

describe('simulated activity logs', () => {
  const resolved = org.incidents.filter((i) => i['status'] === 'RES');

  it('follow the incident: triggered first, in time order, acknowledged and resolved at the incident\'s times', () => {
    for (const inc of org.incidents) {
      const log = logOf(inc);
      expect(log[0]).toMatchObject({ type: 'triggered', createdAt: inc['NACK_at'], user: null });
      const times = log.map((e) => String(e['createdAt']));
      expect(times).toEqual([...times].sort());
      expect(log.filter((e) => e['type'] === 'acknowledged').map((e) => e['createdAt'])).toEqual(typeof inc['ACK_at'] === 'string' ? [inc['ACK_at']] : []);
      expect(log.filter((e) => e['type'] === 'resolved').map((e) => e['createdAt'])).toEqual(typeof inc['RES_at'] === 'string' ? [inc['RES_at']] : []);
      expect(new Set(log.map((e) => e['_id'])).size).toBe(log.length);
    }
  });

  it('notify the person on call at trigger time, by push first, and stop notifying once acknowledged', () => {
    let checked = 0;
    for (const inc of resolved) {
      const { oncall } = teamOf(org, inc);
      const schedule = oncall.schedules[0];
      if (!schedule) continue;
      const onCall = activeShift(schedule, oncall.overrides.filter((o) => o['oncall'] === schedule['_id']), ms(inc['NACK_at']))?.user;
      const notifications = logOf(inc).filter((e) => e['type'] === 'alert');
      const first = notifications[0];
      if (!onCall || !first) continue;
      expect(first).toMatchObject({ user: onCall });
      expect(String(first['message'])).toMatch(/^Push notification to /);
      const quietFrom = ms(inc['ACK_at'] ?? inc['RES_at']);
      for (const n of notifications) expect(ms(n['createdAt'])).toBeLessThan(quietFrom);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('escalate to a second person when acknowledgement took over ten minutes, and only then', () => {
    const slow = resolved.filter((i) => typeof i['ACK_at'] === 'string' && ms(i['ACK_at']) - ms(i['NACK_at']) > 10 * 60_000);
    const fast = resolved.filter((i) => typeof i['ACK_at'] === 'string' && ms(i['ACK_at']) - ms(i['NACK_at']) < 10 * 60_000);
    expect(slow.length).toBeGreaterThan(0);
    expect(fast.length).toBeGreaterThan(0);
    for (const inc of slow) {
      const log = logOf(inc);
      const escalated = log.find((e) => e['type'] === 'escalated');
      expect(escalated).toMatchObject({ createdAt: new Date(ms(inc['NACK_at']) + 10 * 60_000).toISOString() });
      const firstNotified = log.find((e) => e['type'] === 'alert')?.['user'];
      if (teamOf(org, inc).members.length > 1) expect(escalated?.['user']).not.toBe(firstNotified);
    }
    for (const inc of fast) expect(logOf(inc).some((e) => e['type'] === 'escalated')).toBe(false);
  });

  it('name who acknowledged and resolved, and no one when an incident resolved without acknowledgement', () => {
    for (const inc of resolved) {
      const log = logOf(inc);
      const resolution = log.find((e) => e['type'] === 'resolved');
      if (typeof inc['ACK_at'] === 'string') {
        expect(log.find((e) => e['type'] === 'acknowledged')?.['user']).toEqual(expect.any(String));
        expect(resolution?.['user']).toEqual(expect.any(String));
      } else {
        expect(resolution).toMatchObject({ user: null });
        expect(String(resolution?.['message'])).toMatch(/^Auto-resolved by /);
      }
    }
  });

  it('are the same for the same incident state, in another organisation built from the same seed', () => {
    const again = generateOrg({ seed: 11, teams: 2, incidentsPerTeam: [150, 80] });
    const pick = (o: SimOrg) => o.incidents.slice(0, 40);
    expect(pick(again).map((inc) => {
      const { members, oncall } = teamOf(again, inc);
      return buildActivityLog(inc, members, oncall);
    })).toEqual(pick(org).map(logOf));
  });
});
