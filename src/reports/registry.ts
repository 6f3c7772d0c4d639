import { MTTA_MTTR_GROUPINGS, measureResponseTimes, mttaMttrColumns } from './mtta-mttr.js';
import { NOISY_COLUMNS, findNoisyIncidents } from './noisy.js';
import { ONCALL_LOAD_COLUMNS, reportOncallLoad } from './oncall-load.js';
import { OPEN_INCIDENT_COLUMNS, listOpenIncidents } from './open-incidents.js';
import { RESPONDER_COLUMNS, reportResponders } from './responders.js';
import { SERVICE_COLUMNS, reportServices } from './services.js';
import type { ReportRow, ReportSource } from './source.js';
import { SUMMARY_COLUMNS, summarizeTeams } from './summary.js';
import { TEAM_OVERVIEW_COLUMNS, overviewTeams } from './team-overview.js';
import { VOLUME_COLUMNS, VOLUME_PERIODS, countIncidentVolume } from './volume.js';

export const REPORT_NAMES = ['summary', 'mtta-mttr', 'volume', 'open', 'noisy', 'team-overview', 'services', 'responders', 'oncall-load'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** Everything a report may use; each takes what applies to it and ignores the rest. */
export interface ReportRequest {
  since: Date;
  until: Date;
  /** The instant ages are measured to. */
  now: Date;
  teams?: readonly string[];
  by?: string;
  limit?: number;
}

export interface ReportDefinition {
  name: ReportName;
  /** One line for `report --help`. */
  description: string;
  /** Values `by` accepts, the default first; absent when the report has no grouping. */
  groupings?: readonly string[];
  /** Whether `limit` applies. */
  limited: boolean;
  columns(by?: string): readonly string[];
  /** What a table says instead of an empty one, for reports whose data a store may not hold yet. */
  empty?: string;
  run(source: ReportSource, request: ReportRequest): Promise<ReportRow[]>;
}

export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
  summary: {
    name: 'summary',
    description: 'per team: incidents, open, acknowledged, resolved, MTTA and MTTR p50/p90',
    limited: false,
    columns: () => SUMMARY_COLUMNS,
    run: (source, request) => summarizeTeams(source, request),
  },
  'mtta-mttr': {
    name: 'mtta-mttr',
    description: 'MTTA and MTTR p50/p90 per team, priority, severity or service',
    groupings: MTTA_MTTR_GROUPINGS,
    limited: false,
    columns: (by) => mttaMttrColumns(choose(MTTA_MTTR_GROUPINGS, by)),
    run: (source, request) => measureResponseTimes(source, { ...request, by: choose(MTTA_MTTR_GROUPINGS, request.by) }),
  },
  volume: {
    name: 'volume',
    description: 'incidents per team per UTC day or ISO week',
    groupings: VOLUME_PERIODS,
    limited: false,
    columns: () => VOLUME_COLUMNS,
    run: (source, request) => countIncidentVolume(source, { ...request, by: choose(VOLUME_PERIODS, request.by) }),
  },
  open: {
    name: 'open',
    description: 'incidents not resolved now, oldest first, with their age',
    limited: true,
    columns: () => OPEN_INCIDENT_COLUMNS,
    run: (source, request) => listOpenIncidents(source, request),
  },
  noisy: {
    name: 'noisy',
    description: 'titles that triggered most often, per team and service',
    limited: true,
    columns: () => NOISY_COLUMNS,
    run: (source, request) => findNoisyIncidents(source, request),
  },
  'team-overview': {
    name: 'team-overview',
    description: 'per team, all time: members, schedules, incidents by status, MTTA and MTTR p50',
    limited: false,
    columns: () => TEAM_OVERVIEW_COLUMNS,
    run: (source, request) => overviewTeams(source, request),
  },
  services: {
    name: 'services',
    description: 'per service: incidents, open, acknowledged, resolved, MTTA and MTTR p50/p90, noisiest title',
    limited: false,
    columns: () => SERVICE_COLUMNS,
    empty: 'No services stored for these teams (services refresh with the catalogs, every SPIKE_CATALOG_INTERVAL).',
    run: (source, request) => reportServices(source, request),
  },
  responders: {
    name: 'responders',
    description: 'per person: incidents acknowledged (with MTTA) and resolved, interruptions by class',
    limited: false,
    columns: () => RESPONDER_COLUMNS,
    empty: 'No one acknowledged, resolved or was interrupted by an incident in this window.',
    run: (source, request) => reportResponders(source, request),
  },
  'oncall-load': {
    name: 'oncall-load',
    description: 'per person and team: on-call hours, incidents during shifts, interruptions, interrupted hours',
    limited: false,
    columns: () => ONCALL_LOAD_COLUMNS,
    empty: 'No on-call shifts or interruptions in this window.',
    run: (source, request) => reportOncallLoad(source, request),
  },
};

export function isReportName(name: string): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name);
}

/** The grouping asked for, or the default; callers validate user input first, so a bad value is a bug. */
function choose<T extends string>(allowed: readonly [T, ...T[]], by: string | undefined): T {
  if (by === undefined) return allowed[0];
  const found = allowed.find((a) => a === by);
  if (found === undefined) throw new RangeError(`unknown grouping "${by}"; expected one of ${allowed.join(', ')}`);
  return found;
}
