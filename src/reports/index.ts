export { REPORTS, REPORT_NAMES, isReportName, type ReportName, type ReportRequest, type ReportDefinition } from './registry.js';
export { summarizeTeams, SUMMARY_COLUMNS, type SummaryRow } from './summary.js';
export { measureResponseTimes, mttaMttrColumns, MTTA_MTTR_GROUPINGS, type MttaMttrGrouping, type MttaMttrRow } from './mtta-mttr.js';
export { countIncidentVolume, VOLUME_COLUMNS, VOLUME_PERIODS, type VolumePeriod, type VolumeRow } from './volume.js';
export { listOpenIncidents, OPEN_INCIDENT_COLUMNS, type OpenIncidentOptions, type OpenIncidentRow } from './open-incidents.js';
export { findNoisyIncidents, NOISY_COLUMNS, NOISY_DEFAULT_LIMIT, type NoisyRow } from './noisy.js';
export { overviewTeams, TEAM_OVERVIEW_COLUMNS, type TeamOverviewRow } from './team-overview.js';
export type { ReportSource, ReportRow, ReportValue, ReportWindow } from './source.js';
