import { readFreshness, type FreshnessRow } from '../freshness.js';
import { countHourOfWeek, type HourOfWeekCell } from '../hour-of-week.js';
import { findNoisyIncidents, type NoisyRow } from '../noisy.js';
import { reportOncallLoad, type OncallLoadRow } from '../oncall-load.js';
import type { ReportSource, ReportWindow } from '../source.js';
import { summarizeTeams, type SummaryRow } from '../summary.js';
import { countIncidentVolume, type VolumeRow } from '../volume.js';
import { measureWeeklyResponseTimes, type WeeklyRow } from '../weekly.js';

export const NOISY_ON_PAGE = 10;

export interface HtmlReportRequest extends ReportWindow {
  /** When the page is built: shown on it, and what freshness ages are read against. */
  now: Date;
  /** IANA zone of the hour-of-week heat map. */
  timeZone: string;
}

/** Everything the page shows, each part from the query of the text report that defines it. */
export interface HtmlReportData {
  request: HtmlReportRequest;
  /** The window of the same length just before, for the tiles' changes. */
  previous: { since: Date; until: Date };
  summary: SummaryRow[];
  previousSummary: SummaryRow[];
  weekly: WeeklyRow[];
  volume: VolumeRow[];
  hourOfWeek: HourOfWeekCell[];
  noisy: NoisyRow[];
  oncallLoad: OncallLoadRow[];
  freshness: FreshnessRow[];
}

/** Asks for every query at once: a store runs them on as many connections as it has (see SqlReader). */
export async function gatherHtmlData(source: ReportSource, request: HtmlReportRequest): Promise<HtmlReportData> {
  const length = request.until.getTime() - request.since.getTime();
  const previous = { since: new Date(request.since.getTime() - length), until: request.since };
  const window: ReportWindow = { since: request.since, until: request.until, teams: request.teams };
  const [summary, previousSummary, weekly, volume, hourOfWeek, noisy, oncallLoad, freshness] = await Promise.all([
    summarizeTeams(source, window),
    summarizeTeams(source, { ...previous, teams: request.teams }),
    measureWeeklyResponseTimes(source, window),
    countIncidentVolume(source, { ...window, by: 'week' }),
    countHourOfWeek(source, { ...window, timeZone: request.timeZone }),
    findNoisyIncidents(source, { ...window, limit: NOISY_ON_PAGE }),
    reportOncallLoad(source, window),
    readFreshness(source, request.teams),
  ]);
  return { request, previous, summary, previousSummary, weekly, volume, hourOfWeek, noisy, oncallLoad, freshness };
}
