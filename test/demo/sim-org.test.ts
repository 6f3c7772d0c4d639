import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/demo/rng.js';
import {
  acknowledgeIncident, addIncidents, addNote, findIncidents, removeMember, resolveIncident, setPriority, setSeverity,
  setTitle, unacknowledgeIncident, type Json,
} from '../../src/demo/sim-org.js';
import { smallOrg, teamId } from './sim-helpers.js';

describe('sim-org helpers', () => {
  it('adds NACK incidents with fresh ids and the next counterIds', () => {
    const org = smallOrg();
    const team = teamId(org);
    const before = findIncidents(org, team).length;
    const at = new Date('2026-11-21T08:00:00.000Z');
    const added = addIncidents(org, team, 3, createRng(99), at);
    expect(added.map((i) => i['counterId'])).toEqual([`pay-${before + 1}`, `pay-${before + 2}`, `pay-${before + 3}`]);
    expect(findIncidents(org, team)).toHaveLength(before + 3);
    const ids = new Set(org.incidents.map((i) => i['_id']));
    expect(ids.size).toBe(org.incidents.length);
    for (const inc of added) {
      expect(inc['_id']).toMatch(/^[0-9a-f]{24}$/);
      expect(inc).toMatchObject({ status: 'NACK', NACK_at: at.toISOString(), team, updatedAt: at.toISOString() });
      expect(inc['ACK_at']).toBeUndefined();
    }
  });

  it('moves an incident through its lifecycle', () => {
    const org = smallOrg();
    const [inc] = addIncidents(org, teamId(org), 1, createRng(1), new Date('2026-11-21T08:00:00.000Z'));
    if (inc === undefined) throw new Error('no incident');
    acknowledgeIncident(inc, new Date('2026-11-21T08:05:00.000Z'));
    expect(inc).toMatchObject({ status: 'ACK', ACK_at: '2026-11-21T08:05:00.000Z', updatedAt: '2026-11-21T08:05:00.000Z' });
    unacknowledgeIncident(inc, new Date('2026-11-21T08:06:00.000Z'));
    expect(inc['status']).toBe('NACK');
    expect(inc['ACK_at']).toBeUndefined();
    resolveIncident(inc, new Date('2026-11-21T09:00:00.000Z'));
    expect(inc).toMatchObject({ status: 'RES', RES_at: '2026-11-21T09:00:00.000Z' });
    expect(inc['ACK_at']).toBeUndefined();
  });

  it('edits priority, severity, title and notes and bumps updatedAt', () => {
    const org = smallOrg();
    const inc = org.incidents[0] as Json;
    const at = new Date('2026-11-22T00:00:00.000Z');
    setPriority(inc, 'p1', at);
    setSeverity(inc, 'sev2', at);
    setTitle(inc, 'Renamed alert', at);
    addNote(inc, 'Looking', 'user-1', at);
    expect(inc['groupedIncident']).toMatchObject({ priority: 'p1', severity: 'sev2' });
    expect((inc['groupedIncident'] as Json)['notes']).toContainEqual({ content: 'Looking', createdAt: at.toISOString(), user: 'user-1' });
    expect(inc['message']).toBe('Renamed alert');
    expect(inc['updatedAt']).toBe(at.toISOString());
    setPriority(inc, null, at);
    expect((inc['groupedIncident'] as Json)['priority']).toBeUndefined();
    const other = org.incidents[1] as Json;
    expect(((other['groupedIncident'] as Json)['notes'] as unknown[]).some((n) => (n as Json)['content'] === 'Looking')).toBe(false);
  });

  it('removes a member from the org and every team', () => {
    const org = smallOrg();
    const member = org.members.find((m) => (m['teams'] as string[]).length > 0) as Json;
    const id = String(member['_id']);
    removeMember(org, id, new Date('2026-11-22T00:00:00.000Z'));
    expect(member).toMatchObject({ removed: true, teams: [], updatedAt: '2026-11-22T00:00:00.000Z' });
    for (const team of org.teams) expect(team['users']).not.toContain(id);
    expect(removeMember(org, 'ffffffffffffffffffffffff')).toBeUndefined();
  });
});
