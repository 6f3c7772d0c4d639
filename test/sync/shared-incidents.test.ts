import { expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { QUARTER, streamRow, teamIdsOf } from '../faults/fault-kit.js';

const ORG = { teams: 3, incidentsPerTeam: [130, 40, 12], sharedIncidents: 3 };

/** Runs a sync and returns the warning lines it logged. */
async function syncCollectingWarnings(h: Harness): Promise<{ runId: number; warnings: string[] }> {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', destination: { write: (line: string) => lines.push(line) } });
  const result = await h.sync({}, { logger });
  return { runId: result.runId, warnings: lines.map((l) => String((JSON.parse(l) as { msg: string }).msg)) };
}

function sharedIds(h: Harness): string[] {
  return [...(h.server.org.alsoListedUnder?.keys() ?? [])];
}

async function storedShared(h: Harness): Promise<({ id: string; team_id: string; synced_at: string } | undefined)[]> {
  const rows = [];
  for (const id of sharedIds(h)) rows.push(await h.one<{ id: string; team_id: string; synced_at: string }>('SELECT id, team_id, synced_at FROM incidents WHERE id = @id', { id }));
  return rows;
}

/** A second run leaves the shared incidents as they are and writes no incident row for either team. */
async function expectNothingRewritten(h: Harness, teams: string[]): Promise<void> {
  const stored = await storedShared(h);
  h.clock.advance(QUARTER);
  const second = await syncCollectingWarnings(h);
  expect(await storedShared(h)).toEqual(stored);
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
});
