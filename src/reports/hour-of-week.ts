import { DAY_MS } from '../lib/duration.js';
import { zoneOffsetMinutes } from '../lib/time-zone.js';
import { TEAM_INCIDENTS, incidentFilter, type ReportSource, type ReportWindow } from './source.js';

/** Monday first, as ISO weeks are. */
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export type HourOfWeekCell = {
  weekday: Weekday;
  /** 0–23, on the zone's wall clock. */
  hour: number;
  incidents: number;
};

// Every zone's offset from UTC is a whole number of quarter hours, so counting per UTC quarter hour lets any zone's
// wall-clock hours be rebuilt exactly, daylight saving included, without the store knowing about zones.
const QUARTER_HOUR_SECONDS = 900;

/**
 * Incidents triggered in the window per weekday and hour of the zone's wall clock: all 168 cells, Monday 00:00
 * first, zeros included. The store counts per UTC quarter hour; the zone is applied here.
 */
export async function countHourOfWeek(source: ReportSource, window: ReportWindow & { timeZone: string }): Promise<HourOfWeekCell[]> {
  const inWindow = incidentFilter(source.dialect, window.teams, window);
  const sql = `
    SELECT f.triggered_ms / ${QUARTER_HOUR_SECONDS * 1000} AS quarter, COUNT(*) AS incidents
    FROM ${TEAM_INCIDENTS}
    WHERE ${inWindow.sql}
    GROUP BY quarter`;
  const quarters = await source.all<{ quarter: number; incidents: number }>(sql, inWindow.params);
  const counts = new Array<number>(7 * 24).fill(0);
  const offsetAt = dailyOffsets(window.timeZone);
  for (const { quarter, incidents } of quarters) {
    const epochMs = Number(quarter) * QUARTER_HOUR_SECONDS * 1000;
    const offset = offsetAt(epochMs);
    const wall = new Date(epochMs + offset * 60_000);
    const weekday = (wall.getUTCDay() + 6) % 7;
    counts[weekday * 24 + wall.getUTCHours()]! += Number(incidents);
  }
  return counts.map((incidents, i) => ({ weekday: WEEKDAYS[Math.floor(i / 24)]!, hour: i % 24, incidents }));
}


/**
 * The zone's offset at an instant, looked up once per UTC day: a day whose offset is the same at both ends
 * (nearly all of them) keeps it throughout; the day of a change is looked up instant by instant.
 */
function dailyOffsets(zone: string): (epochMs: number) => number {
  const days = new Map<number, number | null>();
  return (epochMs) => {
    const day = Math.floor(epochMs / DAY_MS);
    let offset = days.get(day);
    if (offset === undefined) {
      const start = zoneOffsetMinutes(zone, day * DAY_MS);
      offset = start === zoneOffsetMinutes(zone, (day + 1) * DAY_MS - 1) ? start : null;
      days.set(day, offset);
    }
    return offset ?? zoneOffsetMinutes(zone, epochMs);
  };
}
