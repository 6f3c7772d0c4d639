import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/index.js';
import { useHarness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { useTempDir } from '../helpers/tmp.js';
import { QUARTER, teamIdsOf } from '../faults/fault-kit.js';

describeEachStore('schedules shared by teams', (store) => {
  const startHarness = useHarness(store);

  it('are linked to every team that lists them, owned by one, and a second run writes nothing', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: [5, 5, 5], sharedSchedule: true } });
    const [a, b] = teamIdsOf(h);
    const shared = h.server.org.oncalls.find((s) => (s.teams as string[]).length === 2)!;
    expect(shared.teams).toEqual([a, b]);
    await h.sync();

    // PostgreSQL's jsonb re-spaces the text: the value is what the migration wrote for the links it carried over.
    const links = await h.query<{ id: string; team_id: string; raw: string }>('SELECT id, team_id, raw FROM oncall_schedule_teams WHERE schedule_id = @id', { id: shared._id });
    expect(links.map((l) => ({ ...l, raw: JSON.parse(l.raw) as unknown })).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [a!, b!].sort().map((team) => ({ id: `${team}:${String(shared._id)}`, team_id: team, raw: { team, schedule: shared._id } })),
    );
    // Every schedule a team lists is linked to it, shared or not.
    expect(await h.count('oncall_schedule_teams', 'deleted_at IS NULL')).toBe(h.server.org.oncalls.length + 1);
    expect(await h.value('SELECT team_id FROM oncall_schedules WHERE id = @id', { id: shared._id })).toBe(a);

    h.clock.advance(QUARTER);
    const second = await h.sync();
    const writes = await h.query<{ inserted: number; updated: number; deleted: number }>(
      `SELECT rows_inserted AS inserted, rows_updated AS updated, rows_deleted AS deleted FROM sync_run_streams
        WHERE run_id = @run AND stream = 'oncall_schedules'`,
      { run: second.runId },
    );
    expect(writes.map((w) => ({ inserted: Number(w.inserted), updated: Number(w.updated), deleted: Number(w.deleted) })))
      .toEqual([1, 2, 3].map(() => ({ inserted: 0, updated: 0, deleted: 0 })));
  });

  it("ends only the link of a team that stopped listing a schedule; the schedule stays with its owner", async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [5, 5], sharedSchedule: true } });
    const [a, b] = teamIdsOf(h);
    const shared = h.server.org.oncalls.find((s) => (s.teams as string[]).length === 2)!;
    await h.sync();
    shared.teams = [a];

    h.clock.advance(QUARTER);
    await h.sync();
    expect(await h.value('SELECT deleted_at FROM oncall_schedule_teams WHERE id = @id', { id: `${b!}:${String(shared._id)}` })).toBe(h.clock.now().toISOString());
    expect(await h.value('SELECT deleted_at FROM oncall_schedule_teams WHERE id = @id', { id: `${a!}:${String(shared._id)}` })).toBeNull();
    expect(await h.one('SELECT team_id, deleted_at FROM oncall_schedules WHERE id = @id', { id: shared._id })).toEqual({ team_id: a, deleted_at: null });
  });
});

describe('migration 0006 on a store synced before it', () => {
  const tempDir = useTempDir();

  it('links every schedule to the team it was stored under', async () => {
    const dir = tempDir();
    // The real migrations up to 0005, as a store of the previous release has them.
    const migrations = join(dir, 'migrations');
    cpSync(join(import.meta.dirname, '../../migrations/sqlite'), migrations, { recursive: true });
    const journalPath = join(migrations, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx <= 5) }));
    const path = join(dir, 'spike.db');
    const old = new Database(path);
    migrate(drizzle(old), { migrationsFolder: migrations });
    const at = '2026-11-01T00:00:00.000Z';
    old.prepare(
      `INSERT INTO oncall_schedules (id, team_id, name, user_ids, layer_count, raw, first_seen_at, synced_at, deleted_at)
       VALUES (?, ?, 'Primary', '[]', 1, '{}', ?, ?, ?)`,
    ).run('sched-1', 'team-1', at, at, null);
    old.prepare(
      `INSERT INTO oncall_schedules (id, team_id, name, user_ids, layer_count, raw, first_seen_at, synced_at, deleted_at)
       VALUES (?, ?, 'Gone', '[]', 1, '{}', ?, ?, ?)`,
    ).run('sched-2', 'team-2', at, at, at);
    old.close();

    const migrated = await openStore({ kind: 'sqlite', path }, { mode: 'write' });
    try {
      expect(await migrated.reader.all('SELECT id, team_id, schedule_id, raw, deleted_at FROM oncall_schedule_teams ORDER BY id')).toEqual([
        { id: 'team-1:sched-1', team_id: 'team-1', schedule_id: 'sched-1', raw: JSON.stringify({ team: 'team-1', schedule: 'sched-1' }), deleted_at: null },
        { id: 'team-2:sched-2', team_id: 'team-2', schedule_id: 'sched-2', raw: JSON.stringify({ team: 'team-2', schedule: 'sched-2' }), deleted_at: at },
      ]);
    } finally {
      await migrated.close();
    }
  });
});
