import { ALPHA, BRAVO, CHARLIE } from './fixture.js';

/*
 * Figures worked out by hand from fixture.ts for the window [2026-08-01, 2026-08-16).
 *
 * Alpha in the window: A1..A6 (A7 falls just before, A8 exactly at the end, AX is deleted).
 *   acknowledged A1 60, A2 120, A3 300, A6 600      -> p50 (120 + 300) / 2 = 210, p90 rank ceil(3.6) = 4 -> 600
 *   resolved     A1 600, A2 1200, A4 1800, A6 2400  -> p50 (1200 + 1800) / 2 = 1500, p90 2400
 *   open (not RES now): A3 (ACK), A5 (NACK)
 * Bravo: B1..B4.
 *   acknowledged B2 15, B1 45, B3 90.5              -> p50 45, p90 rank ceil(2.7) = 3 -> 90.5
 *   resolved     B2 900, B1 3600, B3 7200           -> p50 3600, p90 7200
 *   open: B4
 * Charlie: no incidents. Delta: deleted, never shown.
 */
export const SUMMARY = [
  { team_id: ALPHA, team_name: 'Alpha', incidents: 6, open: 2, acknowledged: 4, resolved: 4, mtta_p50_seconds: 210, mtta_p90_seconds: 600, mttr_p50_seconds: 1500, mttr_p90_seconds: 2400 },
  { team_id: BRAVO, team_name: 'Bravo', incidents: 4, open: 1, acknowledged: 3, resolved: 3, mtta_p50_seconds: 45, mtta_p90_seconds: 90.5, mttr_p50_seconds: 3600, mttr_p90_seconds: 7200 },
  { team_id: CHARLIE, team_name: 'Charlie', incidents: 0, open: 0, acknowledged: 0, resolved: 0, mtta_p50_seconds: null, mtta_p90_seconds: null, mttr_p50_seconds: null, mttr_p90_seconds: null },
];

const stats = (incidents: number, acknowledged: number, resolved: number, mtta: [number, number] | null, mttr: [number, number] | null) => ({
  incidents,
  acknowledged,
  resolved,
  mtta_p50_seconds: mtta?.[0] ?? null,
  mtta_p90_seconds: mtta?.[1] ?? null,
  mttr_p50_seconds: mttr?.[0] ?? null,
  mttr_p90_seconds: mttr?.[1] ?? null,
});

/*
 * p1: A1, A2, B1, B3. acks 45, 60, 90.5, 120 -> p50 75.25, p90 120; resolutions 600, 1200, 3600, 7200 -> p50 2400, p90 7200
 * p2: A3, B2, B4.     acks 15, 300 -> p50 157.5, p90 rank ceil(1.8) = 2 -> 300; resolution 900 (n = 1)
 * p3: A4, A6.         ack 600; resolutions 1800, 2400 -> p50 2100, p90 2400
 * none: A5, never acknowledged nor resolved.
 */
export const BY_PRIORITY = [
  { priority: 'p1', ...stats(4, 4, 4, [75.25, 120], [2400, 7200]) },
  { priority: 'p2', ...stats(3, 2, 1, [157.5, 300], [900, 900]) },
  { priority: 'p3', ...stats(2, 1, 2, [600, 600], [2100, 2400]) },
  { priority: null, ...stats(1, 0, 0, null, null) },
];

/*
 * sev1: A1, A3, B1, B3. acks 45, 60, 90.5, 300 -> 75.25, 300; resolutions 600, 3600, 7200 -> 3600, 7200
 * sev2: A2, B2, B4.     acks 15, 120 -> 67.5, 120; resolutions 900, 1200 -> 1050, 1200
 * sev3: A5, A6.         ack 600; resolution 2400
 * none: A4.             resolution 1800
 */
export const BY_SEVERITY = [
  { severity: 'sev1', ...stats(4, 4, 3, [75.25, 300], [3600, 7200]) },
  { severity: 'sev2', ...stats(3, 2, 2, [67.5, 120], [1050, 1200]) },
  { severity: 'sev3', ...stats(2, 1, 1, [600, 600], [2400, 2400]) },
  { severity: null, ...stats(1, 0, 1, null, [1800, 1800]) },
];

/* API: A1, A2, A5. Database: A3, A6. Web: B1..B4. No service: A4. */
export const BY_SERVICE = [
  { service_id: 'svc-api', service_name: 'API', ...stats(3, 2, 2, [90, 120], [900, 1200]) },
  { service_id: 'svc-db', service_name: 'Database', ...stats(2, 2, 1, [450, 600], [2400, 2400]) },
  { service_id: 'svc-web', service_name: 'Web', ...stats(4, 3, 3, [45, 90.5], [3600, 7200]) },
  { service_id: null, service_name: null, ...stats(1, 0, 1, null, [1800, 1800]) },
];

/* Only teams with incidents in the window form a group. */
export const BY_TEAM = [
  { team_id: ALPHA, team_name: 'Alpha', ...stats(6, 4, 4, [210, 600], [1500, 2400]) },
  { team_id: BRAVO, team_name: 'Bravo', ...stats(4, 3, 3, [45, 90.5], [3600, 7200]) },
];

const volume = (period: string, team: 'Alpha' | 'Bravo', incidents: number) => ({
  period,
  team_id: team === 'Alpha' ? ALPHA : BRAVO,
  team_name: team,
  incidents,
});

export const VOLUME_BY_DAY = [
  volume('2026-08-01', 'Alpha', 1),
  volume('2026-08-02', 'Bravo', 2),
  volume('2026-08-03', 'Alpha', 1),
  volume('2026-08-05', 'Alpha', 1),
  volume('2026-08-09', 'Bravo', 1),
  volume('2026-08-10', 'Alpha', 1),
  volume('2026-08-12', 'Alpha', 1),
  volume('2026-08-14', 'Alpha', 1),
  volume('2026-08-15', 'Bravo', 1),
];

/* 2026-08-01 is a Saturday: its ISO week starts Monday 2026-07-27; Sunday 2026-08-09 belongs to the week of 2026-08-03. */
export const VOLUME_BY_WEEK = [
  volume('2026-07-27', 'Alpha', 1),
  volume('2026-07-27', 'Bravo', 2),
  volume('2026-08-03', 'Alpha', 2),
  volume('2026-08-03', 'Bravo', 1),
  volume('2026-08-10', 'Alpha', 3),
  volume('2026-08-10', 'Bravo', 1),
];

/* Not windowed: A8 (at the window's end) is open too. Ages to NOW, 2026-08-20T12:00:00Z. */
export const OPEN = [
  { team_id: ALPHA, team_name: 'Alpha', counter_id: '#A3', title: 'Disk full', status_word: 'acknowledged', priority: 'p2', severity: 'sev1', triggered_at: '2026-08-05T23:59:59.000Z', age_seconds: 14 * 86_400 + 12 * 3600 + 1 },
  { team_id: ALPHA, team_name: 'Alpha', counter_id: '#A5', title: 'CPU high', status_word: 'triggered', priority: null, severity: 'sev3', triggered_at: '2026-08-12T12:00:00.000Z', age_seconds: 8 * 86_400 },
  { team_id: BRAVO, team_name: 'Bravo', counter_id: '#B4', title: 'Latency', status_word: 'triggered', priority: 'p2', severity: 'sev2', triggered_at: '2026-08-15T23:00:00.000Z', age_seconds: 4 * 86_400 + 13 * 3600 },
  { team_id: ALPHA, team_name: 'Alpha', counter_id: '#A8', title: 'Disk full', status_word: 'triggered', priority: 'p2', severity: 'sev1', triggered_at: '2026-08-16T00:00:00.000Z', age_seconds: 4 * 86_400 + 12 * 3600 },
];

/* Ties on count go to the most recent: Latency (last 08-15) before CPU high (last 08-12). */
export const NOISY = [
  { title: 'Latency', service_name: 'Web', team_id: BRAVO, team_name: 'Bravo', incidents: 3, first_triggered_at: '2026-08-02T06:00:00.000Z', last_triggered_at: '2026-08-15T23:00:00.000Z' },
  { title: 'CPU high', service_name: 'API', team_id: ALPHA, team_name: 'Alpha', incidents: 3, first_triggered_at: '2026-08-01T00:00:00.000Z', last_triggered_at: '2026-08-12T12:00:00.000Z' },
  { title: 'Disk full', service_name: 'Database', team_id: ALPHA, team_name: 'Alpha', incidents: 2, first_triggered_at: '2026-08-05T23:59:59.000Z', last_triggered_at: '2026-08-14T00:00:00.000Z' },
  { title: 'Manual page', service_name: null, team_id: ALPHA, team_name: 'Alpha', incidents: 1, first_triggered_at: '2026-08-10T08:00:00.000Z', last_triggered_at: '2026-08-10T08:00:00.000Z' },
  { title: '5xx spike', service_name: 'Web', team_id: BRAVO, team_name: 'Bravo', incidents: 1, first_triggered_at: '2026-08-09T14:00:00.000Z', last_triggered_at: '2026-08-09T14:00:00.000Z' },
];

/*
 * All time, live rows. Alpha: A1..A8 (AX deleted); NACK A5 A8, ACK A3, RES A1 A2 A4 A6 A7;
 * acks 30, 60, 120, 300, 600 -> p50 120; resolutions 90, 600, 1200, 1800, 2400 -> p50 1200;
 * members u1..u3 (u4 deleted), schedules s1 s2 (s3 deleted).
 */
export const TEAM_OVERVIEW = [
  { team_id: ALPHA, team_name: 'Alpha', users: 3, schedules: 2, incidents: 8, triggered: 2, acknowledged: 1, resolved: 5, mtta_p50_seconds: 120, mttr_p50_seconds: 1200 },
  { team_id: BRAVO, team_name: 'Bravo', users: 2, schedules: 1, incidents: 4, triggered: 1, acknowledged: 0, resolved: 3, mtta_p50_seconds: 45, mttr_p50_seconds: 3600 },
  { team_id: CHARLIE, team_name: 'Charlie', users: 1, schedules: 0, incidents: 0, triggered: 0, acknowledged: 0, resolved: 0, mtta_p50_seconds: null, mttr_p50_seconds: null },
];
