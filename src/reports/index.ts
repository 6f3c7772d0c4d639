export { REPORTS, REPORT_NAMES, isReportName, type ReportName, type ReportRequest, type ReportDefinition } from './registry.js';
export { summarizeTeams, SUMMARY_COLUMNS, type SummaryRow } from './summary.js';
export { measureResponseTimes, mttaMttrColumns, MTTA_MTTR_GROUPINGS, type MttaMttrGrouping, type MttaMttrRow } from './mtta-mttr.js';
export { countIncidentVolume, VOLUME_COLUMNS, VOLUME_PERIODS, type VolumePeriod, type VolumeRow } from './volume.js';
export { listOpenIncidents, OPEN_INCIDENT_COLUMNS, type OpenIncidentOptions, type OpenIncidentRow } from './open-incidents.js';
export { findNoisyIncidents, NOISY_COLUMNS, NOISY_DEFAULT_LIMIT, type NoisyRow } from './noisy.js';
export { overviewTeams, TEAM_OVERVIEW_COLUMNS, type TeamOverviewRow } from './team-overview.js';
export { reportServices, SERVICE_COLUMNS, type ServiceRow } from './services.js';
export { reportResponders, RESPONDER_COLUMNS, type ResponderRow } from './responders.js';
export { reportOncallLoad, ONCALL_LOAD_COLUMNS, type OncallLoadRow } from './oncall-load.js';
export { INTERRUPTION_CLASSES, INTERRUPTION_COLUMNS, type InterruptionCounts } from './interruptions.js';
export type { ReportSource, ReportRow, ReportValue, ReportWindow } from './source.js';
export { measureWeeklyResponseTimes, WEEKLY_COLUMNS, type WeeklyRow } from './weekly.js';
export { countHourOfWeek, WEEKDAYS, type HourOfWeekCell } from './hour-of-week.js';
export { readFreshness, type FreshnessRow } from './freshness.js';
// Type only: the page's modules (and Plot) load when `report html` runs, through src/reports/html/index.ts.
export type { HtmlReportRequest } from './html/gather.js';
