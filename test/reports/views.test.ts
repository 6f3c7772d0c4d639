import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { countIncidentVolume, listOpenIncidents, summarizeTeams } from '../../src/reports/index.js';
import { ALPHA, ALPHA_FRESH_AT, BRAVO, CHARLIE, NOW, SINCE, UNTIL, createFixtureStore, type FixtureStore } from './fixture.js';

const window = { since: SINCE, until: UNTIL };
const inWindow = { since: SINCE.toISOString(), until: UNTIL.toISOString() };
describeEachStore('views', (kind) => {
  let fixture: FixtureStore;
  let store: Store;
  // Read through the store's SQL reader, like a report.
  const all = (sql: string, params: Record<string, string> = {}) => store.reader.all<Record<string, unknown>>(sql, params);
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    store = fixture.store;
  });
  afterAll(() => fixture.close());

  describe('incident_facts', () => {
    it('has one row per live incident of a live team', async () => {
      const ids = (await all('SELECT id FROM incident_facts ORDER BY id')).map((r) => r.id);
      expect(ids).toEqual(['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'B1', 'B2', 'B3', 'B4']);
    });

    it('derives words, durations and UTC calendar fields', async () => {
      expect(await all(`SELECT * FROM incident_facts WHERE id IN ('A3', 'A4', 'B3') ORDER BY id`)).toEqual([
        expect.objectContaining({ id: 'A3', team_name: 'Alpha', status: 'ACK', status_word: 'acknowledged', seconds_to_ack: 300, seconds_to_resolve: null, triggered_day: '2026-08-05', triggered_week: '2026-08-03', triggered_weekday: 3, triggered_hour: 23 }),
        expect.objectContaining({ id: 'A4', triggered_day: '2026-08-10', triggered_week: '2026-08-10', status_word: 'resolved', seconds_to_ack: null, seconds_to_resolve: 1800, triggered_weekday: 1, triggered_hour: 8 }),
        expect.objectContaining({ id: 'B3', service_name: 'Web', seconds_to_ack: 90.5, seconds_to_resolve: 7200, triggered_day: '2026-08-09', triggered_week: '2026-08-03', triggered_weekday: 0, triggered_hour: 14 }),
      ]);
    });

    it('agrees with summary over the same window', async () => {
      const sums = await all(
        `SELECT team_id, COUNT(*) AS incidents, SUM(CASE WHEN status <> 'RES' THEN 1 ELSE 0 END) AS open, COUNT(seconds_to_ack) AS acknowledged,
           COUNT(seconds_to_resolve) AS resolved
         FROM incident_facts WHERE triggered_at >= @since AND triggered_at < @until GROUP BY team_id ORDER BY team_id`,
        inWindow,
      );
      const summary = (await summarizeTeams(store.reader, window)).filter((r) => r.incidents > 0);
      expect(summary.map(({ team_id, incidents, open, acknowledged, resolved }) => ({ team_id, incidents, open, acknowledged, resolved }))).toEqual(sums);
    });

    it('agrees with the open report', async () => {
      const open = await all(`SELECT id FROM incident_facts WHERE status_word <> 'resolved'`);
      expect(await listOpenIncidents(store.reader, { now: NOW })).toHaveLength(open.length);
    });
  });

  describe('team_daily_incidents', () => {
    it('counts by status, priority and severity with mean durations', async () => {
      expect(await all(`SELECT * FROM team_daily_incidents WHERE team_id = @team AND day = '2026-08-02'`, { team: BRAVO })).toEqual([
        { team_id: BRAVO, team_name: 'Bravo', day: '2026-08-02', incidents: 2, triggered: 0, acknowledged: 0, resolved: 2, p1: 1, p2: 1, p3: 0, p4: 0, p5: 0, sev1: 1, sev2: 1, sev3: 0, mean_seconds_to_ack: 30, mean_seconds_to_resolve: 2250 },
      ]);
    });

    it('sums to the daily volume and the summary', async () => {
      const daily = await all(`SELECT day AS period, team_id, team_name, incidents FROM team_daily_incidents WHERE day >= '2026-08-01' AND day < '2026-08-16' ORDER BY day, team_name`);
      expect(daily).toEqual(await countIncidentVolume(store.reader, { ...window, by: 'day' }));
      const perTeam = await all(`SELECT team_id, SUM(incidents) AS incidents, SUM(triggered + acknowledged) AS open FROM team_daily_incidents WHERE day >= '2026-08-01' AND day < '2026-08-16' GROUP BY team_id ORDER BY team_id`);
      expect(perTeam).toEqual((await summarizeTeams(store.reader, window)).filter((r) => r.incidents > 0).map(({ team_id, incidents, open }) => ({ team_id, incidents, open })));
    });
  });

  describe('oncall_shift_facts', () => {
    it('has one row per live shift of a live team, with names and duration', async () => {
      const ids = (await all('SELECT id FROM oncall_shift_facts ORDER BY start_at, id')).map((r) => r.id);
      // sh8 is of the deleted team Delta, sh10 soft-deleted.
      expect(ids).toEqual(['sh1', 'sh2', 'sh6', 'sh7', 'sh3', 'sh4', 'sh5', 'sh9']);
      expect(await all(`SELECT * FROM oncall_shift_facts WHERE id IN ('sh1', 'sh7') ORDER BY id`)).toEqual([
        { id: 'sh1', team_id: ALPHA, team_name: 'Alpha', schedule_id: 's1', schedule_name: 'Schedule s1', layer_id: 'layer-1', user_id: 'u1', user_name: 'Ann', start_at: '2026-07-31T18:00:00.000Z', end_at: '2026-08-01T06:00:00.000Z', duration_seconds: 43200, source: 'reconstructed', is_override: 0 },
        { id: 'sh7', team_id: BRAVO, team_name: 'Bravo', schedule_id: 's4', schedule_name: 'Schedule s4', layer_id: null, user_id: 'u5', user_name: 'Dan', start_at: '2026-08-02T12:00:00.000Z', end_at: '2026-08-02T18:00:00.000Z', duration_seconds: 21600, source: 'observed', is_override: 1 },
      ]);
    });
  });

  describe('incident_event_facts', () => {
    it('has one row per live event of a live incident, with the incident, its team and the hour', async () => {
      const ids = (await all('SELECT id FROM incident_event_facts ORDER BY created_at, id')).map((r) => r.id);
      // e9's incident is deleted, e10's team is deleted, e11 is soft-deleted.
      expect(ids).toEqual(['e7', 'e1', 'e8', 'e2', 'e5', 'e6', 'e3', 'e4', 'e13', 'e12']);
      expect(await all(`SELECT * FROM incident_event_facts WHERE id = 'e7'`)).toEqual([
        // A7 was triggered at 07-31T23:59:59; the page came 11 s later.
        { id: 'e7', incident_id: 'A7', incident_counter_id: '#A7', incident_title: 'CPU high', team_id: ALPHA, team_name: 'Alpha', user_id: 'u2', user_name: 'Ben', type: 'NOTIFICATION_SENT', kind: 'notification', channel: 'phone', interruption: 'sleep', created_at: '2026-08-01T00:00:10.000Z', created_hour: '2026-08-01T00', seconds_since_triggered: 11 },
      ]);
    });
  });

  describe('sync_freshness', () => {
    it('dates a team by its stalest stream and leaves never-fresh teams null', async () => {
      const rows = await all('SELECT * FROM sync_freshness ORDER BY team_name');
      expect(rows.map((r) => [r.team_id, r.last_success_at])).toEqual([
        [ALPHA, ALPHA_FRESH_AT],
        [BRAVO, null],
        [CHARLIE, null],
      ]);
      const expectedAge = (Date.now() - Date.parse(ALPHA_FRESH_AT)) / 1000;
      expect(Math.abs(Number(rows[0]?.age_seconds) - expectedAge)).toBeLessThan(5);
      expect(rows[1]?.age_seconds).toBeNull();
    });
  });
});
