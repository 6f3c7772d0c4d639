import { afterAll, beforeAll, expect, it } from 'vitest';
import { countIncidentVolume } from '../../src/reports/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { CHARLIE, createFixtureStore, writeIncidents, type FixtureStore } from './fixture.js';

// Periods are numbered from epoch milliseconds: the last millisecond of a UTC day and the first of the next fall apart,
// a Sunday closes its ISO week and the Monday opens the next, and an instant before 1970 still floors to its own day.
const EDGES = [
  { id: 'C1', triggered: '2026-08-02T23:59:59.999' },
  { id: 'C2', triggered: '2026-08-03T00:00:00.000' },
  { id: 'C3', triggered: '2026-08-03T00:00:00.001' },
  { id: 'C4', triggered: '1969-12-31T23:59:59.999' },
  { id: 'C5', triggered: '1970-01-01T00:00:00.000' },
].map((e) => ({ ...e, team: CHARLIE, title: 'Edge', status: 'NACK' as const }));

const window = { since: new Date('1960-01-01T00:00:00.000Z'), until: new Date('2030-01-01T00:00:00.000Z'), teams: [CHARLIE] };
const row = (period: string, incidents: number) => ({ period, team_id: CHARLIE, team_name: 'Charlie', incidents });

describeEachStore('volume periods', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    await fixture.store.transaction((tx) => writeIncidents(tx, EDGES));
  });
  afterAll(() => fixture.close());

  it('splits UTC days at midnight, to the millisecond', async () => {
    expect(await countIncidentVolume(fixture.store.reader, { ...window, by: 'day' })).toEqual([
      row('1969-12-31', 1),
      row('1970-01-01', 1),
      row('2026-08-02', 1),
      row('2026-08-03', 2),
    ]);
  });

  it('labels ISO weeks by their Monday, before 1970 too', async () => {
    expect(await countIncidentVolume(fixture.store.reader, { ...window, by: 'week' })).toEqual([
      row('1969-12-29', 2),
      row('2026-07-27', 1),
      row('2026-08-03', 2),
    ]);
  });
});
