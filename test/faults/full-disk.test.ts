import { describe, expect, it } from 'vitest';
import { addIncidents } from '../../src/demo/sim-org.js';
import { createRng } from '../../src/demo/rng.js';
import { describeError } from '../../src/lib/errors.js';
import type { SqliteHandle } from '../../src/db/sqlite/index.js';
import { useHarness } from '../helpers/harness.js';
import { SMALL_ORG, afterCleanRun, runRow, streamRow, streamRows } from './fault-kit.js';

const startHarness = useHarness();

describe('a full disk', () => {
  it('fails the run, and the stream that met the full disk still has its ledger row', async () => {
    const h = await startHarness({ org: SMALL_ORG });
    const { a } = await afterCleanRun(h);
    // Far more new incidents than the few spare pages below can hold: the first incident page cannot commit.
    addIncidents(h.server.org, a, 400, createRng(5), h.clock.now());
    // SQLite only: the full disk is made with SQLite's page limit.
    const pages = h.sqliteFile().sqlite.pragma('page_count', { simple: true }) as number;

    const outcome = await h.sync({}, { prepareStore: (store) => store.sqlite.pragma(`max_page_count = ${pages + 4}`) }).catch((err: unknown) => err);

    expect(describeError(outcome)).toMatch(/database or disk is full/);
    expect(await runRow(h, 2)).toMatchObject({ status: 'failed', error: expect.stringMatching(/database or disk is full/) });
    expect(await streamRow(h, 2, a, 'incidents')).toMatchObject({ status: 'failed', error: expect.stringMatching(/database or disk is full/) });
    // Every stream that started has exactly one row, and none is left `running`.
    expect((await streamRows(h, 2)).map((r) => `${String(r.team_id)} ${String(r.stream)} ${String(r.status)}`)).toEqual([
      '* teams ok', '* users ok', `${a} team_members ok`, `${a} oncall_schedules ok`, `${a} incidents failed`,
    ]);
  });

  it('while the report indexes are built after a first backfill fails the run, says so, and leaves them aside for the next run', async () => {
    // Two stores synced alike from the same organisation reach the same size: the first tells how many pages the
    // second holds when its last stream is recorded, just before the build, which then finds no page to spare.
    const counted = await startHarness({ org: SMALL_ORG });
    let before = 0;
    let sqlite: SqliteHandle['sqlite'] | null = null;
    const capture = { prepareStore: (handle: SqliteHandle) => void (sqlite = handle.sqlite), onStreamRecorded: () => void (before = sqlite!.pragma('page_count', { simple: true }) as number) };
    expect((await counted.sync({}, capture)).status).toBe('ok');

    const h = await startHarness({ org: SMALL_ORG });
    // One page to spare, should the second store come out a page larger: the indexes need many more.
    const outcome = await h.sync({}, { prepareStore: (handle) => handle.sqlite.pragma(`max_page_count = ${before + 1}`) }).catch((err: unknown) => err);

    const reason = /report indexes set aside for the first backfill could not be built \(the next run builds them\): .*database or disk is full/;
    expect(describeError(outcome)).toMatch(reason);
    expect(await runRow(h, 1)).toMatchObject({ status: 'failed', error: expect.stringMatching(reason) });
    // Every stream stored what it read; the indexes are still aside, recorded for the next run to build.
    expect((await streamRows(h, 1)).every((r) => r.status === 'ok')).toBe(true);
    const { n: aside } = h.sqliteFile().sqlite.prepare('SELECT COUNT(*) AS n FROM deferred_indexes').get() as { n: number };
    expect(aside).toBeGreaterThan(0);
    expect(aside).toBeLessThanOrEqual(7);
    expect((await h.sync()).status).toBe('ok');
    expect(h.sqliteFile().sqlite.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents'").get()).toEqual({ n: 9 });
  });
});
