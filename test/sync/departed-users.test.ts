import { expect, it } from 'vitest';
import { removeMember, type Json } from '../../src/demo/sim-org.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { QUARTER, streamRow, teamIdsOf } from '../faults/fault-kit.js';

/** A live member of the first team, and every team it belongs to. */
function memberOfFirstTeam(h: Harness): { id: string; teams: string[] } {
  const [first] = teamIdsOf(h);
  const member = h.server.org.members.find((m: Json) => m.removed !== true && (m.teams as string[]).includes(first!))!;
  return { id: member._id as string, teams: [...(member.teams as string[])] };
}

describeEachStore('users who leave the organisation', (store) => {
  const startHarness = useHarness(store);

  it('a user who vanished from /orgs/members is soft-deleted and kept as removed = 1', async () => {
    const h = await startHarness({ org: { teams: 2, usersPerTeam: 6, incidentsPerTeam: [5, 5] } });
    await h.sync();
    const user = memberOfFirstTeam(h);
    removeMember(h.server.org, user.id, h.clock.now());
    h.server.org.members = h.server.org.members.filter((m) => m._id !== user.id);
    h.clock.advance(QUARTER);

    const result = await h.sync();

    expect(await h.one('SELECT removed, deleted_at, synced_at FROM users WHERE id = @id', { id: user.id })).toEqual({
      removed: 1, deleted_at: h.clock.now().toISOString(), synced_at: h.clock.now().toISOString(),
    });
    expect(await h.count('team_members', 'user_id = @id AND deleted_at IS NULL', { id: user.id })).toBe(0);
    expect(result.status).toBe('ok');
  });

  it('every membership of a user who left ends, in teams the run does not walk too, counted in the users stream', async () => {
    const h = await startHarness({ org: { teams: 2, usersPerTeam: 6, incidentsPerTeam: [5, 5] } });
    const [first, second] = teamIdsOf(h);
    await h.sync();
    const user = memberOfFirstTeam(h);
    expect(await h.count('team_members', 'user_id = @id AND deleted_at IS NULL', { id: user.id })).toBe(user.teams.length);
    removeMember(h.server.org, user.id, h.clock.now());
    h.clock.advance(QUARTER);

    // Only the second team is walked: the first team's listing is not read in this run.
    const from = h.server.requests.length;
    const result = await h.sync({ teams: [second!] });

    expect(h.server.requests.slice(from).filter((r) => r.teamId === first)).toEqual([]);
    expect(await h.query('SELECT team_id, deleted_at FROM team_members WHERE user_id = @id ORDER BY team_id', { id: user.id })).toEqual(
      [...user.teams].sort().map((team) => ({ team_id: team, deleted_at: h.clock.now().toISOString() })),
    );
    expect(await h.one('SELECT removed, deleted_at FROM users WHERE id = @id', { id: user.id })).toEqual({ removed: 1, deleted_at: null });
    const ended = user.teams.filter((t) => t !== second).length;
    expect(await streamRow(h, result.runId, '*', 'users')).toMatchObject({ status: 'ok', rows_updated: 1, rows_deleted: ended });
  });
});
