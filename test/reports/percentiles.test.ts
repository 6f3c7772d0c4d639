import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, type StoreKind } from '../helpers/stores.js';
import { measureResponseTimes } from '../../src/reports/index.js';
import { incidentStatsSql, orderedWhenWide, type PercentileColumn } from '../../src/reports/incident-stats.js';
import { incidentFilter } from '../../src/reports/source.js';
import { SINCE, UNTIL, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';

/*
 * Edge counts for the percentile definitions: one priority group per size, on 2026-07-01, a day
 * outside the fixture's window:
 *   n = 1   [42]              p50 42,  p90 42
 *   n = 2   [10, 20]          p50 15,  p90 rank ceil(1.8) = 2 -> 20
 *   n = 10  [1, 2, ..., 10]   p50 5.5, p90 rank 9 -> 9
 *   n = 11  [10, 20, ..., 110] p50 60, p90 rank ceil(9.9) = 10 -> 100
 */
const GROUPS: Record<string, number[]> = {
  p1: [42],
  p2: [20, 10],
  p3: [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
  p4: [110, 10, 100, 20, 90, 30, 80, 40, 70, 50, 60],
};

/** The edge groups as incidents of Alpha: acknowledged after `seconds`, resolved after twice that. */
function edgeIncidents() {
  let i = 0;
  return Object.entries(GROUPS).flatMap(([priority, values]) =>
    values.map((seconds) => {
      const triggered = Date.parse('2026-07-01T00:00:00Z') + i++ * 60_000;
      const at = (offset: number) => new Date(triggered + offset * 1000).toISOString();
      return incidentRow({ id: `E${i}`, teamId: 'aaaaaaaaaaaaaaaaaaaaaaaa', title: 'Edge', status: 'RES', priority, triggeredAt: at(0), acknowledgedAt: at(seconds), resolvedAt: at(seconds * 2) });
    }),
  );
}

/** The report fixture with the edge groups added, for the describe block it is called in. */
function useEdgeFixture(kind: StoreKind): () => FixtureStore {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    await fixture.store.transaction((tx) => tx.writer('incidents').upsert(edgeIncidents(), '2026-08-20T11:00:00.000Z'));
  });
  afterAll(() => fixture.close());
  return () => fixture;
}

describeEachStore('percentiles', (kind) => {
  const edgeFixture = useEdgeFixture(kind);

  it('uses the median and nearest-rank p90 at every group size', async () => {
    const rows = await measureResponseTimes(edgeFixture().store.reader, { since: new Date('2026-07-01T00:00:00Z'), until: new Date('2026-07-02T00:00:00Z'), by: 'priority' });
    expect(rows.map((r) => [r.priority, r.acknowledged, r.mtta_p50_seconds, r.mtta_p90_seconds, r.mttr_p50_seconds, r.mttr_p90_seconds])).toEqual([
      ['p1', 1, 42, 42, 84, 84],
      ['p2', 2, 15, 20, 30, 40],
      ['p3', 10, 5.5, 9, 11, 18],
      ['p4', 11, 60, 100, 120, 200],
    ]);
  });

  it('leaves the fixture window untouched', async () => {
    const rows = await measureResponseTimes(edgeFixture().store.reader, { since: SINCE, until: UNTIL, by: 'priority' });
    expect(rows.map((r) => r.incidents)).toEqual([4, 3, 2, 1]);
  });
});

describeEachStore('per-team statistics read in order', (kind) => {
  const edgeFixture = useEdgeFixture(kind);

  const statsBy = async (window: { since: Date; until: Date } | undefined, ordered: boolean, percentiles?: readonly PercentileColumn[]) => {
    const { reader } = edgeFixture().store;
    const filter = incidentFilter(reader.dialect, undefined, window);
    const sql = `WITH stats AS (${incidentStatsSql(reader.dialect, { keys: ['team_id'], labels: ['team_name'], where: filter.sql, ordered: ordered ? filter.window : undefined, percentiles })})
      SELECT * FROM stats ORDER BY team_id`;
    return reader.all(sql, filter.params);
  };

  it('give what sorting gives, on the edge groups by hand and on every window', async () => {
    const edgeDay = { since: new Date('2026-07-01T00:00:00Z'), until: new Date('2026-07-02T00:00:00Z') };
    // Alpha's 24 edge incidents in order: 1..9, 10 x3, 20 x2, 30, 40, 42, 50, ..., 110. Median (10 + 20) / 2, p90 rank 22.
    const [alpha] = await statsBy(edgeDay, true);
    expect([alpha!.acknowledged, alpha!.mtta_p50_seconds, alpha!.mtta_p90_seconds, alpha!.mttr_p50_seconds, alpha!.mttr_p90_seconds]).toEqual([24, 15, 90, 30, 180]);
    for (const window of [edgeDay, { since: SINCE, until: UNTIL }, undefined]) {
      const ordered = await statsBy(window, true);
      expect(ordered.length).toBeGreaterThan(0);
      expect(ordered).toEqual(await statsBy(window, false));
    }
  });

  it('compute only the percentiles asked for, each equal to its value among all four, in either form', async () => {
    const all = await statsBy(undefined, false);
    const without = (row: Record<string, unknown>, dropped: readonly string[]) => Object.fromEntries(Object.entries(row).filter(([k]) => !dropped.includes(k)));
    const subsets: [PercentileColumn[], string[]][] = [
      [['mtta_p50_seconds', 'mtta_p90_seconds'], ['mttr_p50_seconds', 'mttr_p90_seconds']],
      [['mtta_p50_seconds', 'mttr_p50_seconds'], ['mtta_p90_seconds', 'mttr_p90_seconds']],
      [['mttr_p90_seconds'], ['mtta_p50_seconds', 'mtta_p90_seconds', 'mttr_p50_seconds']],
      [[], ['mtta_p50_seconds', 'mtta_p90_seconds', 'mttr_p50_seconds', 'mttr_p90_seconds']],
    ];
    for (const ordered of [false, true]) {
      for (const [wanted, dropped] of subsets) {
        expect(await statsBy(undefined, ordered, wanted)).toEqual(all.map((row) => without(row, dropped)));
      }
    }
    expect(all.some((row) => row.mttr_p90_seconds !== null)).toBe(true);
  });

  it('are chosen for a window over most of the history, not for a short one, and never where sorting costs less', async () => {
    const { reader } = edgeFixture().store;
    const all = { since: new Date('2000-01-01T00:00:00Z'), until: new Date('2100-01-01T00:00:00Z') };
    const wide = await orderedWhenWide(reader, incidentFilter(reader.dialect, undefined, all), all);
    const noWindow = await orderedWhenWide(reader, incidentFilter(reader.dialect, undefined));
    if (kind === 'postgres') {
      expect([wide, noWindow]).toEqual([undefined, undefined]);
      return;
    }
    expect(wide).toBe(incidentFilter(reader.dialect, undefined, all).window);
    expect(noWindow).toBe('1 = 1');
    const hour = { since: new Date('2026-07-01T00:00:00Z'), until: new Date('2026-07-01T01:00:00Z') };
    expect(await orderedWhenWide(reader, incidentFilter(reader.dialect, undefined, hour), hour)).toBeUndefined();
  });
});
