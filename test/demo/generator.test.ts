import { describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import type { Json, SimOrg } from '../../src/demo/sim-org.js';

const serialise = (org: SimOrg): string => JSON.stringify(org, (_key, value: unknown) => (value instanceof Map ? [...value] : value));
const ID = /^[0-9a-f]{24}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('generateOrg', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = serialise(generateOrg({ seed: 7, teams: 4, incidentsPerTeam: 120 }));
    const b = serialise(generateOrg({ seed: 7, teams: 4, incidentsPerTeam: 120 }));
    const c = serialise(generateOrg({ seed: 8, teams: 4, incidentsPerTeam: 120 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('honours per-team incident counts, including zero', () => {
    const org = generateOrg({ seed: 1, incidentsPerTeam: [200, 0, 250] });
    expect(org.teams).toHaveLength(3);
    const counts = org.teams.map((t) => org.incidents.filter((i) => i['team'] === t['_id']).length);
    expect(counts).toEqual([200, 0, 250]);
  });

  it('builds consistent teams and members', () => {
    const org = generateOrg({ seed: 3, teams: 8, usersPerTeam: 5, incidentsPerTeam: 0 });
    expect(org.teams.filter((t) => t['default'] === true)).toHaveLength(1);
    expect(org.teams.map((t) => t['name'])).toContain('Payments');
    const removed = org.members.filter((m) => m['removed'] === true);
    expect(removed.length).toBeGreaterThanOrEqual(2);
    for (const m of removed) expect(m['teams']).toEqual([]);
    for (const team of org.teams) {
      const fromMembers = org.members.filter((m) => (m['teams'] as string[]).includes(String(team['_id']))).map((m) => m['_id']);
      expect([...(team['users'] as string[])].sort()).toEqual([...fromMembers].sort());
    }
    for (const m of org.members) {
      expect(m['_id']).toMatch(ID);
      expect((m['teams'] as string[]).length).toBeLessThanOrEqual(2);
      expect(['admin', 'manager', 'responder', 'viewer']).toContain(m['role']);
      expect(String(m['email'])).toMatch(/@/);
    }
    expect(new Set(org.members.map((m) => m['email'])).size).toBe(org.members.length);
  });

  it('names teams beyond the built-in list', () => {
    const org = generateOrg({ seed: 1, teams: 25, incidentsPerTeam: 0 });
    expect(org.teams[24]?.['name']).toBe('Team 25');
    expect(new Set(org.teams.map((t) => t['uid'])).size).toBe(25);
  });

  it('produces realistic incident lifecycles', () => {
    const now = new Date('2026-11-20T12:00:00.000Z');
    const org = generateOrg({ seed: 5, teams: 4, incidentsPerTeam: 600 });
    const incidents = org.incidents;
    const byStatus = (s: string): number => incidents.filter((i) => i['status'] === s).length;
    expect(byStatus('RES') / incidents.length).toBeGreaterThan(0.85);
    expect(byStatus('ACK')).toBeGreaterThan(0);
    expect(byStatus('NACK')).toBeGreaterThan(0);
    expect(new Set(incidents.map((i) => i['_id'])).size).toBe(incidents.length);
    for (const inc of incidents) checkIncident(inc, now);
    const resolvedUnacked = incidents.filter((i) => i['status'] === 'RES' && i['ACK_at'] === undefined);
    expect(resolvedUnacked.length).toBeGreaterThan(0);
    const titles = new Set(incidents.map((i) => i['message']));
    expect(titles.size).toBeLessThan(incidents.length / 10);
  });

  it('numbers counterIds per team in trigger order', () => {
    const org = generateOrg({ seed: 9, teams: 2, incidentsPerTeam: 300 });
    const team = org.teams[0] as Json;
    const own = org.incidents.filter((i) => i['team'] === team['_id']);
    own.sort((a, b) => Number(String(a['counterId']).split('-')[1]) - Number(String(b['counterId']).split('-')[1]));
    expect(own[0]?.['counterId']).toBe(`${String(team['uid'])}-1`);
    for (let i = 1; i < own.length; i++) {
      expect(String(own[i]?.['NACK_at']) >= String(own[i - 1]?.['NACK_at'])).toBe(true);
    }
  });

  it('generates schedules and overrides tied to team members', () => {
    const org = generateOrg({ seed: 11, teams: 3, oncallsPerTeam: 2, incidentsPerTeam: 10 });
    expect(org.oncalls).toHaveLength(6);
    for (const schedule of org.oncalls) {
      const teams = schedule['teams'] as string[];
      expect(teams).toHaveLength(1);
      const team = org.teams.find((t) => t['_id'] === teams[0]);
      for (const user of schedule['users'] as string[]) expect(team?.['users']).toContain(user);
      expect((schedule['layers'] as Json[]).length).toBeGreaterThanOrEqual(1);
    }
    for (const ov of org.overrides) {
      expect(ov['id']).toMatch(ID);
      expect(org.oncalls.map((s) => s['_id'])).toContain(ov['oncall']);
      expect(Date.parse(String(ov['end']))).toBeGreaterThan(Date.parse(String(ov['start'])));
    }
    expect(org.services?.length).toBeGreaterThanOrEqual(6);
    expect(org.escalations?.length).toBeGreaterThanOrEqual(3);
  });

  it('generates 20 teams x 5,000 incidents', () => {
    const org = generateOrg({ seed: 2, teams: 20, incidentsPerTeam: 5000 });
    expect(org.incidents).toHaveLength(100_000);
    expect(new Set(org.incidents.map((i) => i['_id'])).size).toBe(100_000);
  });
});

function checkIncident(inc: Json, now: Date): void {
  expect(inc['_id']).toMatch(ID);
  expect(inc['NACK_at']).toMatch(ISO);
  const nack = Date.parse(String(inc['NACK_at']));
  expect(nack).toBeLessThan(now.getTime());
  if (inc['ACK_at'] !== undefined) expect(Date.parse(String(inc['ACK_at']))).toBeGreaterThan(nack);
  if (inc['RES_at'] !== undefined) expect(Date.parse(String(inc['RES_at']))).toBeGreaterThan(Date.parse(String(inc['ACK_at'] ?? inc['NACK_at'])));
  expect(inc['status'] === 'RES').toBe(inc['RES_at'] !== undefined);
  const grouped = inc['groupedIncident'] as Json;
  if (grouped['priority'] !== undefined) expect(grouped['priority']).toMatch(/^p[1-5]$/);
  if (grouped['severity'] !== undefined) expect(grouped['severity']).toMatch(/^sev[1-3]$/);
  expect(inc['service']).toHaveProperty('_id');
  expect(inc['integration']).toHaveProperty('customName');
}
