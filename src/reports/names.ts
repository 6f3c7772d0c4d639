/**
 * The reports `spike-sync report` runs, with the line `report --help` shows for each. Kept apart from the reports'
 * code, which every command would otherwise load just to describe its options.
 */
export const REPORT_NAMES = ['summary', 'mtta-mttr', 'volume', 'open', 'noisy', 'team-overview', 'services', 'responders', 'oncall-load'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_DESCRIPTIONS: Readonly<Record<ReportName, string>> = {
  summary: 'per team: incidents, open, acknowledged, resolved, MTTA and MTTR p50/p90',
  'mtta-mttr': 'MTTA and MTTR p50/p90 per team, priority, severity or service',
  volume: 'incidents per team per UTC day or ISO week',
  open: 'incidents not resolved now, oldest first, with their age',
  noisy: 'titles that triggered most often, per team and service',
  'team-overview': 'per team, all time: members, schedules, incidents by status, MTTA and MTTR p50',
  services: 'per service: incidents, open, acknowledged, resolved, MTTA and MTTR p50/p90, noisiest title',
  responders: 'per person: incidents acknowledged (with MTTA) and resolved, interruptions by class',
  'oncall-load': 'per person and team: on-call hours, incidents during shifts, interruptions, interrupted hours',
};

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}
