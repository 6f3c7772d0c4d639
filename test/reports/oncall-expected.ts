import { ALPHA, BRAVO, CHARLIE } from './fixture.js';

/*
 * Figures worked out by hand from fixture.ts and oncall-fixture.ts for the window [2026-08-01, 2026-08-16).
 */

const stats = (incidents: number, open: number, acknowledged: number, resolved: number, mtta: [number, number] | null, mttr: [number, number] | null) => ({
  incidents,
  open,
  acknowledged,
  resolved,
  mtta_p50_seconds: mtta?.[0] ?? null,
  mtta_p90_seconds: mtta?.[1] ?? null,
  mttr_p50_seconds: mttr?.[0] ?? null,
  mttr_p90_seconds: mttr?.[1] ?? null,
});

/*
 * Web (Bravo): B1..B4. acks 15, 45, 90.5 -> p50 45, p90 rank ceil(2.7) = 3 -> 90.5; resolutions 900, 3600, 7200
 *   -> p50 3600, p90 7200; open B4. Titles: Latency x3 (B1, B2, B4), 5xx spike x1.
 * API (Alpha): A1, A2, A5 (A7 before the window, AX deleted). acks 60, 120 -> p50 90, p90 rank ceil(1.8) = 2 -> 120;
 *   resolutions 600, 1200 -> p50 900, p90 1200; open A5. Titles: CPU high x3.
 * Database (Alpha): A3, A6 (A8 at the window's end). acks 300, 600 -> p50 450, p90 600; resolution 2400; open A3.
 * Idle (Charlie): no incidents, listed with zeros. Gone is soft-deleted; Ghost's team is deleted.
 * Busiest first: Web 4, API 3, Database 2, Idle 0.
 */
export const SERVICES = [
  { service_id: 'svc-web', service_name: 'Web', team_id: BRAVO, team_name: 'Bravo', ...stats(4, 1, 3, 3, [45, 90.5], [3600, 7200]), noisiest_title: 'Latency' },
  { service_id: 'svc-api', service_name: 'API', team_id: ALPHA, team_name: 'Alpha', ...stats(3, 1, 2, 2, [90, 120], [900, 1200]), noisiest_title: 'CPU high' },
  { service_id: 'svc-db', service_name: 'Database', team_id: ALPHA, team_name: 'Alpha', ...stats(2, 1, 2, 1, [450, 600], [2400, 2400]), noisiest_title: 'Disk full' },
  { service_id: 'svc-idle', service_name: 'Idle', team_id: CHARLIE, team_name: 'Charlie', ...stats(0, 0, 0, 0, null, null), noisiest_title: null },
];

const interruptions = (business: number, offHours: number, sleep: number) => ({
  interruptions_business: business,
  interruptions_off_hours: offHours,
  interruptions_sleep: sleep,
});

/*
 * Acknowledged (incidents triggered in the window whose acknowledged_by is the person; A7 is before it):
 *   u1: A1 60, A3 300, A6 600, B2 15 -> 4; sorted 15, 60, 300, 600 -> p50 (60 + 300) / 2 = 180, p90 rank ceil(3.6) = 4 -> 600
 *   u2: A2 120; u5: B1 45; u9: B3 90.5 (u9 is no stored user: no name)
 * Resolved (resolved_by, resolved now): u1 A1, A2 -> 2; u2 A6 -> 1; u3 A4 -> 1; u5 B1, B2 -> 2; u9 B3 -> 1.
 * Interruptions (events created in the window): u1 sleep e1 e2, business e4 e13, off-hours e5; u2 business e3,
 *   sleep e7 (A7 was triggered before the window, the page came inside it); u5 off-hours e6. Not counted: e8 (no
 *   interruption), e9 (deleted incident), e10 (deleted team), e11 (deleted event), e12 (after the window).
 * Order: acknowledged desc (u1), then resolved desc (u5 2), then interruptions desc (u2 2 before u9 0), then u3.
 */
export const RESPONDERS = [
  { user_id: 'u1', user_name: 'Ann', acknowledged: 4, mtta_p50_seconds: 180, mtta_p90_seconds: 600, resolved: 2, ...interruptions(2, 1, 2) },
  { user_id: 'u5', user_name: 'Dan', acknowledged: 1, mtta_p50_seconds: 45, mtta_p90_seconds: 45, resolved: 2, ...interruptions(0, 1, 0) },
  { user_id: 'u2', user_name: 'Ben', acknowledged: 1, mtta_p50_seconds: 120, mtta_p90_seconds: 120, resolved: 1, ...interruptions(1, 0, 1) },
  { user_id: 'u9', user_name: null, acknowledged: 1, mtta_p50_seconds: 90.5, mtta_p90_seconds: 90.5, resolved: 1, ...interruptions(0, 0, 0) },
  { user_id: 'u3', user_name: 'Cat', acknowledged: 0, mtta_p50_seconds: null, mtta_p90_seconds: null, resolved: 1, ...interruptions(0, 0, 0) },
];

/*
 * On-call hours, shifts cut to the window and overlaps merged:
 *   u2 Alpha: sh4 08-05T12 -> 08-06T12 = 24 h; sh5 08-15T12 -> 08-16T12 cut at 08-16T00 = 12 h; 36 h
 *   u5 Bravo: sh6 08-02 whole day = 24 h; sh7 (12:00-18:00 the same day) lies inside it: 24 h
 *   u1 Alpha: sh1 07-31T18 -> 08-01T06 cut to 00:00-06:00, sh2 04:00-10:00 overlaps it: one stretch 00:00-10:00
 *     = 10 h (not 6 + 6 = 12); sh3 08-03T09 -> 12 = 3 h; sh10 is deleted; 13 h
 *   u1 Bravo: no shifts (0 h), but interrupted by B1 (e5).
 * Incidents of the team triggered in the window during the person's shifts: u2 A3 (sh4; A8 at 08-16T00 is outside
 *   the window though inside sh5); u5 B1 06:00, B2 07:00 (sh6); u1 A1 00:00 (sh1), A2 10:30 (sh3) (A7 is in sh1 but
 *   before the window).
 * Interrupted hours (distinct UTC clock hours with an interruption): u2 Alpha 08-01T00 (e7), 08-03T10 (e3) = 2;
 *   u1 Alpha 08-01T00 (e1, e2), 08-12T12 (e4, e13) = 2; u5 Bravo 08-02T07 = 1; u1 Bravo 08-02T06 = 1.
 * Order: hours desc, then interruptions desc, then name.
 */
export const ONCALL_LOAD = [
  { user_id: 'u2', user_name: 'Ben', team_id: ALPHA, team_name: 'Alpha', oncall_hours: 36, incidents_during_shifts: 1, ...interruptions(1, 0, 1), interrupted_hours: 2 },
  { user_id: 'u5', user_name: 'Dan', team_id: BRAVO, team_name: 'Bravo', oncall_hours: 24, incidents_during_shifts: 2, ...interruptions(0, 1, 0), interrupted_hours: 1 },
  { user_id: 'u1', user_name: 'Ann', team_id: ALPHA, team_name: 'Alpha', oncall_hours: 13, incidents_during_shifts: 2, ...interruptions(2, 0, 2), interrupted_hours: 2 },
  { user_id: 'u1', user_name: 'Ann', team_id: BRAVO, team_name: 'Bravo', oncall_hours: 0, incidents_during_shifts: 0, ...interruptions(0, 1, 0), interrupted_hours: 1 },
];
