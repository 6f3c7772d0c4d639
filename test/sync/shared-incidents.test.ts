import { expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { QUARTER, streamRow, teamIdsOf } from '../faults/fault-kit.js';

const ORG = { teams: 3, incidentsPerTeam: [130, 40, 12], sharedIncidents: 3 };

/** Runs a sync and returns the warning lines it logged. */
async function syncCollectingWarnings(h: Harness, settings: Parameters<Harness['sync']>[0] = {}): Promise<{ runId: number; warnings: string[] }> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } });
  const result = await h.sync(settings, { logger });
  return { runId: result.runId, warnings: lines.map((l) => String((JSON.parse(l) as { msg: string }).msg)) };
}

function sharedIds(h: Harness): string[] {
  return [...(h.server.org.alsoListedUnder?.keys() ?? [])];
}

async function storedShared(h: Harness, ids = sharedIds(h)): Promise<({ id: string; team_id: string; synced_at: string } | undefined)[]> {
  const rows = [];
  for (const id of ids) rows.push(await h.one<{ id: string; team_id: string; synced_at: string }>('SELECT id, team_id, synced_at FROM incidents WHERE id = @id', { id }));
  return rows;
}

/** A second run leaves the shared incidents as they are and writes no incident row for either team. */
async function expectNothingRewritten(h: Harness, teams: string[], ids = sharedIds(h)): Promise<void> {
  const stored = await storedShared(h, ids);
  h.clock.advance(QUARTER);
  const second = await syncCollectingWarnings(h);
  expect(await storedShared(h, ids)).toEqual(stored);
  for (const team of teams) expect(await streamRow(h, second.runId, team, 'incidents')).toMatchObject({ status: 'ok', rows_inserted: 0, rows_updated: 0 });
}

describeEachStore('an incident listed under two teams', (store) => {
  const startHarness = useHarness(store);

  it('stays with the team its own team field names, with one warning, and a no-change run writes nothing', async () => {
    const h = await startHarness({ org: ORG });
    const [a, b] = teamIdsOf(h);
    const first = await syncCollectingWarnings(h);
    expect((await storedShared(h)).map((r) => r?.team_id)).toEqual([a, a, a]);
    expect(first.warnings).toEqual([expect.stringMatching(/lists 3 incident\(s\) that belong to another team; they stay with that team$/)]);

    await expectNothingRewritten(h, [a!, b!]);
  });

  it('without a team field of its own it stays with the team that listed it first', async () => {
    const h = await startHarness({ org: ORG });
    const [a, b] = teamIdsOf(h);
    // Served by both teams' listings, without naming either.
    for (const inc of h.server.org.incidents) {
      if (!sharedIds(h).includes(inc._id as string)) continue;
      delete inc.team;
      h.server.org.alsoListedUnder!.set(inc._id as string, [a!, b!]);
    }
    const first = await syncCollectingWarnings(h);
    expect((await storedShared(h)).map((r) => r?.team_id)).toEqual([a, a, a]);
    expect(first.warnings).toHaveLength(1);

    await expectNothingRewritten(h, [a!, b!]);
  });

  it('moves to the team it comes to name, from the team that stored it first without one', async () => {
    const h = await startHarness({ org: ORG });
    const [a, b] = teamIdsOf(h);
    const shared = h.server.org.incidents.filter((inc) => sharedIds(h).includes(inc._id as string));
    for (const inc of shared) {
      delete inc.team;
      h.server.org.alsoListedUnder!.set(inc._id as string, [a!, b!]);
    }
    await syncCollectingWarnings(h);
    const ids = sharedIds(h);
    expect((await storedShared(h, ids)).map((r) => r?.team_id)).toEqual([a, a, a]);

    // Now they name the second team, whose listing alone serves them: only their own team field can move them.
    for (const inc of shared) {
      inc.team = b;
      h.server.org.alsoListedUnder!.delete(inc._id as string);
    }
    h.clock.advance(QUARTER);
    const moved = await syncCollectingWarnings(h, { full: true });
    expect((await storedShared(h, ids)).map((r) => r?.team_id)).toEqual([b, b, b]);
    expect(moved.warnings).toEqual([]);

    await expectNothingRewritten(h, [a!, b!], ids);
  });
});
