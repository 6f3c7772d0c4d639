import { describe, expect, it } from 'vitest';
import { addIncidents } from '../../src/demo/sim-org.js';
import { createRng } from '../../src/demo/rng.js';
import { describeError } from '../../src/lib/errors.js';
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
});
