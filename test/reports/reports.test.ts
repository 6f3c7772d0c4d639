import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/index.js';
import { describeEachStore } from '../helpers/stores.js';
import {
  countIncidentVolume,
  findNoisyIncidents,
  listOpenIncidents,
  measureResponseTimes,
  overviewTeams,
  summarizeTeams,
} from '../../src/reports/index.js';
import * as expected from './expected.js';
import { ALPHA, BRAVO, CHARLIE, DELTA, NOW, SINCE, UNTIL, createFixtureStore, type FixtureStore } from './fixture.js';

const window = { since: SINCE, until: UNTIL };
describeEachStore('reports', (kind) => {
  let fixture: FixtureStore;
  let store: Store;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    store = fixture.store;
  });
  afterAll(() => fixture.close());

  describe('summary', () => {
    it('reports every live team over the window, quiet ones with zeros', async () => {
      expect(await summarizeTeams(store.reader, window)).toEqual(expected.SUMMARY);
    });

    it('keeps only the chosen teams, and never a deleted one', async () => {
      expect(await summarizeTeams(store.reader, { ...window, teams: [BRAVO, CHARLIE, DELTA] })).toEqual([expected.SUMMARY[1], expected.SUMMARY[2]]);
    });

    it('moves with the window: since inclusive, until exclusive', async () => {
      // [07-31T23:59:59, 08-01T00:00:01) holds A7 (just before the usual window) and A1.
      const rows = await summarizeTeams(store.reader, { since: new Date('2026-07-31T23:59:59Z'), until: new Date('2026-08-01T00:00:01Z'), teams: [ALPHA] });
      expect(rows).toEqual([
        { team_id: ALPHA, team_name: 'Alpha', incidents: 2, open: 0, acknowledged: 2, resolved: 2, mtta_p50_seconds: 45, mtta_p90_seconds: 60, mttr_p50_seconds: 345, mttr_p90_seconds: 600 },
      ]);
    });
  });

  describe('mtta-mttr', () => {
    it.each([
      ['priority', expected.BY_PRIORITY],
      ['severity', expected.BY_SEVERITY],
      ['service', expected.BY_SERVICE],
      ['team', expected.BY_TEAM],
    ] as const)('groups by %s', async (by, rows) => {
      expect(await measureResponseTimes(store.reader, { ...window, by })).toEqual(rows);
    });

    it('agrees with summary when grouped by team', async () => {
      const summary = (await summarizeTeams(store.reader, window)).filter((r) => r.incidents > 0);
      const byTeam = await measureResponseTimes(store.reader, { ...window, by: 'team' });
      expect(byTeam.map(({ team_id, mtta_p50_seconds, mttr_p90_seconds }) => [team_id, mtta_p50_seconds, mttr_p90_seconds])).toEqual(
        summary.map(({ team_id, mtta_p50_seconds, mttr_p90_seconds }) => [team_id, mtta_p50_seconds, mttr_p90_seconds]),
      );
    });
  });

  describe('volume', () => {
    it('counts per team and UTC day', async () => {
      expect(await countIncidentVolume(store.reader, { ...window, by: 'day' })).toEqual(expected.VOLUME_BY_DAY);
    });

    it('counts per team and ISO week, labelled by its Monday', async () => {
      expect(await countIncidentVolume(store.reader, { ...window, by: 'week' })).toEqual(expected.VOLUME_BY_WEEK);
    });
  });

  describe('open', () => {
    it('lists unresolved incidents of live teams, oldest first, aged to now', async () => {
      expect(await listOpenIncidents(store.reader, { now: NOW })).toEqual(expected.OPEN);
    });

    it('honours teams and limit', async () => {
      expect(await listOpenIncidents(store.reader, { now: NOW, teams: [BRAVO] })).toEqual([expected.OPEN[2]]);
      expect(await listOpenIncidents(store.reader, { now: NOW, limit: 1 })).toEqual([expected.OPEN[0]]);
    });
  });

  describe('noisy', () => {
    it('ranks titles per team and service by count, then recency', async () => {
      expect(await findNoisyIncidents(store.reader, window)).toEqual(expected.NOISY);
      expect(await findNoisyIncidents(store.reader, { ...window, limit: 2 })).toEqual(expected.NOISY.slice(0, 2));
    });
  });

  describe('team-overview', () => {
    it('counts members, schedules and incidents by current status over all time', async () => {
      expect(await overviewTeams(store.reader)).toEqual(expected.TEAM_OVERVIEW);
      expect(await overviewTeams(store.reader, { teams: [ALPHA] })).toEqual([expected.TEAM_OVERVIEW[0]]);
    });
  });
});
