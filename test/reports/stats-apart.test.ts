import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SqlReader } from '../../src/db/index.js';
import { SUMMARY_COLUMNS, measureResponseTimes, mttaMttrColumns, summarizeTeams } from '../../src/reports/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { ALPHA, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';

/*
 * Statistics with both MTTA and MTTR percentiles come from two statements asked for together, one per duration, joined
 * on the group's keys. Each reads the store as of its own start: here a write lands between them, as a sync's commit
 * may, and the rows must still be the first statement's, each with the percentiles of its own group.
 */
const SINCE = new Date('2026-09-01T00:00:00.000Z');
const UNTIL = new Date('2026-09-08T00:00:00.000Z');
const WRITTEN_AT = '2026-09-09T00:00:00.000Z';

const resolved = (id: string, priority: string, ackSeconds: number, resolveSeconds: number) => {
  const triggered = Date.parse('2026-09-02T00:00:00.000Z');
  return incidentRow({
    id,
    teamId: ALPHA,
    title: `incident ${id}`,
    status: 'RES',
    priority,
    triggeredAt: new Date(triggered).toISOString(),
    acknowledgedAt: new Date(triggered + ackSeconds * 1000).toISOString(),
    resolvedAt: new Date(triggered + resolveSeconds * 1000).toISOString(),
  });
};

/** The store's reader, letting `between` run after the first statement ends and before the second starts. */
function readerWithWriteBetween(reader: SqlReader, between: () => Promise<void>): SqlReader {
  let first: Promise<unknown> | undefined;
  return {
    dialect: reader.dialect,
    all: async <Row extends object>(sql: string, params?: Record<string, unknown>): Promise<Row[]> => {
      if (!first) {
        const answer = reader.all<Row>(sql, params);
        first = answer;
        return answer;
      }
      await first;
      await between();
      return reader.all<Row>(sql, params);
    },
    batches: (sql, params, size) => reader.batches(sql, params, size),
  };
}

describeEachStore('statistics from one statement per duration', (kind) => {
  let fixture: FixtureStore;
  beforeEach(async () => {
    fixture = await createFixtureStore(kind);
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert([resolved('P1a', 'p1', 60, 600), resolved('P1b', 'p1', 120, 1200), resolved('P2a', 'p2', 30, 300)], WRITTEN_AT);
    });
  });
  afterEach(() => fixture.close());

  const window = { since: SINCE, until: UNTIL, by: 'priority' as const };
  const p1 = { priority: 'p1', incidents: 2, acknowledged: 2, resolved: 2, mtta_p50_seconds: 90, mtta_p90_seconds: 120, mttr_p50_seconds: 900, mttr_p90_seconds: 1200 };

  it('join each group’s MTTR percentiles to its MTTA percentiles', async () => {
    const p2 = { priority: 'p2', incidents: 1, acknowledged: 1, resolved: 1, mtta_p50_seconds: 30, mtta_p90_seconds: 30, mttr_p50_seconds: 300, mttr_p90_seconds: 300 };
    const rows = await measureResponseTimes(fixture.store.reader, window);
    expect(rows).toEqual([p1, p2]);
    // The JSON a report prints follows the rows' own key order.
    for (const row of rows) expect(Object.keys(row)).toEqual(mttaMttrColumns('priority'));
    const [summary] = await summarizeTeams(fixture.store.reader, { since: SINCE, until: UNTIL, teams: [ALPHA] });
    expect(Object.keys(summary!)).toEqual(SUMMARY_COLUMNS);
  });

  it('keep the first statement’s groups when a write lands between the two, with null where the second saw none', async () => {
    // Between the statements, p2's only incident is removed and a p3 one appears: the second sees p1 and p3.
    const reader = readerWithWriteBetween(fixture.store.reader, async () => {
      await fixture.store.transaction(async (tx) => {
        await tx.writer('incidents').upsert([{ ...resolved('P2a', 'p2', 30, 300), priority: 'p3' }], WRITTEN_AT);
      });
    });
    const rows = await measureResponseTimes(reader, window);
    expect(rows).toEqual([p1, { priority: 'p2', incidents: 1, acknowledged: 1, resolved: 1, mtta_p50_seconds: 30, mtta_p90_seconds: 30, mttr_p50_seconds: null, mttr_p90_seconds: null }]);
  });
});
