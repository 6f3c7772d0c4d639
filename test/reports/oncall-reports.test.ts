import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/cli/report-output.js';
import type { Store } from '../../src/db/index.js';
import { reportOncallLoad, reportResponders, reportServices } from '../../src/reports/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { ALPHA, BRAVO, CHARLIE, SINCE, UNTIL, createFixtureStore, type FixtureStore } from './fixture.js';
import * as expected from './oncall-expected.js';

const window = { since: SINCE, until: UNTIL };
// A September day: no incident, shift or event of the fixture falls in it.
const QUIET = { since: new Date('2026-09-01T00:00:00Z'), until: new Date('2026-09-02T00:00:00Z') };

describeEachStore('services, responders and on-call reports', (kind) => {
  let fixture: FixtureStore;
  let store: Store;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    store = fixture.store;
  });
  afterAll(() => fixture.close());

  describe('services', () => {
    it('lists every live service, busiest first, quiet ones with zeros', async () => {
      expect(await reportServices(store.reader, window)).toEqual(expected.SERVICES);
    });

    it('keeps the services of the chosen teams', async () => {
      expect(await reportServices(store.reader, { ...window, teams: [ALPHA] })).toEqual(expected.SERVICES.slice(1, 3));
    });

    it('moves with the window', async () => {
      // [08-05, 08-06): only A3 (Disk full, acknowledged after 300 s, open) among the services' incidents.
      const rows = await reportServices(store.reader, { since: new Date('2026-08-05T00:00:00Z'), until: new Date('2026-08-06T00:00:00Z'), teams: [ALPHA] });
      expect(rows.map((r) => [r.service_name, r.incidents, r.open, r.mtta_p50_seconds, r.noisiest_title])).toEqual([
        ['Database', 1, 1, 300, 'Disk full'],
        ['API', 0, 0, null, null],
      ]);
    });
  });

  describe('responders', () => {
    it('counts acknowledgements with their MTTA, resolutions and interruptions per person', async () => {
      expect(await reportResponders(store.reader, window)).toEqual(expected.RESPONDERS);
    });

    it('keeps the incidents and events of the chosen teams', async () => {
      // Bravo: u5 acknowledged B1 (45 s) and resolved B1, B2; u9 B3; u1 acknowledged B2 (15 s) and was paged by B1 (e5).
      expect(await reportResponders(store.reader, { ...window, teams: [BRAVO] })).toEqual([
        { user_id: 'u5', user_name: 'Dan', acknowledged: 1, mtta_p50_seconds: 45, mtta_p90_seconds: 45, resolved: 2, interruptions_business: 0, interruptions_off_hours: 1, interruptions_sleep: 0 },
        { user_id: 'u9', user_name: null, acknowledged: 1, mtta_p50_seconds: 90.5, mtta_p90_seconds: 90.5, resolved: 1, interruptions_business: 0, interruptions_off_hours: 0, interruptions_sleep: 0 },
        { user_id: 'u1', user_name: 'Ann', acknowledged: 1, mtta_p50_seconds: 15, mtta_p90_seconds: 15, resolved: 0, interruptions_business: 0, interruptions_off_hours: 1, interruptions_sleep: 0 },
      ]);
    });
  });

  describe('oncall-load', () => {
    it('sums on-call hours per person and team, overlapping shifts once, with incidents and interruptions', async () => {
      expect(await reportOncallLoad(store.reader, window)).toEqual(expected.ONCALL_LOAD);
    });

    it('keeps the chosen teams', async () => {
      expect(await reportOncallLoad(store.reader, { ...window, teams: [BRAVO, CHARLIE] })).toEqual([expected.ONCALL_LOAD[1], expected.ONCALL_LOAD[3]]);
    });

    it('cuts shifts to the window and merges what overlaps inside it', async () => {
      // [08-01T03:00, 08-01T08:00): sh1 gives 03:00-06:00, sh2 04:00-08:00, one stretch of 5 h. A1 (00:00) and the
      // pages at 00:00-00:05 fall before it.
      expect(await reportOncallLoad(store.reader, { since: new Date('2026-08-01T03:00:00Z'), until: new Date('2026-08-01T08:00:00Z') })).toEqual([
        { user_id: 'u1', user_name: 'Ann', team_id: ALPHA, team_name: 'Alpha', oncall_hours: 5, incidents_during_shifts: 0, interruptions_business: 0, interruptions_off_hours: 0, interruptions_sleep: 0, interrupted_hours: 0 },
      ]);
    });

    it('rounds hours to two decimals', async () => {
      // [08-01T00:00, 08-01T00:20): 20 min of sh1 = 0.333… h -> 0.33. A1 triggered at 00:00 during it; e1, e2 (one
      // clock hour) page u1; e7 pages u2, who is not on call then.
      expect(await reportOncallLoad(store.reader, { since: new Date('2026-08-01T00:00:00Z'), until: new Date('2026-08-01T00:20:00Z') })).toEqual([
        { user_id: 'u1', user_name: 'Ann', team_id: ALPHA, team_name: 'Alpha', oncall_hours: 0.33, incidents_during_shifts: 1, interruptions_business: 0, interruptions_off_hours: 0, interruptions_sleep: 2, interrupted_hours: 1 },
        { user_id: 'u2', user_name: 'Ben', team_id: ALPHA, team_name: 'Alpha', oncall_hours: 0, incidents_during_shifts: 0, interruptions_business: 0, interruptions_off_hours: 0, interruptions_sleep: 1, interrupted_hours: 1 },
      ]);
    });
  });

  describe('tables', () => {
    it('show the id of a person the store has no name for', async () => {
      const table = renderReport('responders', await reportResponders(store.reader, window), 'table').split('\n');
      expect(table[0]).toMatch(/^user_name {2}acknowledged {2}mtta_p50 {2}mtta_p90 {2}resolved {2}interruptions_business/);
      expect(table[5]).toMatch(/^u9  +1 {2}1m 31s  +1m 31s  +1 /);
    });
  });

  describe('nothing to show', () => {
    it('returns no rows, and a table says so', async () => {
      expect(await reportOncallLoad(store.reader, QUIET)).toEqual([]);
      expect(await reportResponders(store.reader, QUIET)).toEqual([]);
      expect(renderReport('oncall-load', [], 'table')).toBe('No on-call shifts or interruptions in this window.\n');
      expect(renderReport('responders', [], 'table')).toBe('No one acknowledged, resolved or was interrupted by an incident in this window.\n');
      expect(renderReport('services', [], 'table')).toMatch(/^No services stored for these teams/);
      expect(renderReport('oncall-load', [], 'json')).toBe('[]\n');
      expect(renderReport('oncall-load', [], 'csv')).toBe('user_id,user_name,team_id,team_name,oncall_hours,incidents_during_shifts,interruptions_business,interruptions_off_hours,interruptions_sleep,interrupted_hours\n');
    });
  });
});
