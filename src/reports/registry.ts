import { MTTA_MTTR_GROUPINGS, measureResponseTimes, mttaMttrColumns } from './mtta-mttr.js';
import { NOISY_COLUMNS, findNoisyIncidents } from './noisy.js';
import { ONCALL_LOAD_COLUMNS, reportOncallLoad } from './oncall-load.js';
import { OPEN_INCIDENT_COLUMNS, listOpenIncidents, openIncidentBatches } from './open-incidents.js';
import { RESPONDER_COLUMNS, reportResponders } from './responders.js';
import { SERVICE_COLUMNS, reportServices } from './services.js';
import type { ReportRow, ReportSource } from './source.js';
import { SUMMARY_COLUMNS, summarizeTeams } from './summary.js';
import { TEAM_OVERVIEW_COLUMNS, overviewTeams } from './team-overview.js';
import { VOLUME_COLUMNS, VOLUME_PERIODS, countIncidentVolume } from './volume.js';
import type { ReportName } from './names.js';

export { REPORT_NAMES, isReportName, type ReportName } from './names.js';

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
  /** Values `by` accepts, the default first; absent when the report has no grouping. */
  groupings?: readonly string[];
  /** Whether `limit` applies. */
  limited: boolean;
  columns(by?: string): readonly string[];
  /** What a table says instead of an empty one, for reports whose data a store may not hold yet. */
  empty?: string;
  run(source: ReportSource, request: ReportRequest): Promise<ReportRow[]>;
  /** The rows of `run` in batches, read as they are asked for: reports whose rows grow with the store have it. */
  batches?(source: ReportSource, request: ReportRequest): AsyncIterable<ReportRow[]>;
}

export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
  summary: {
    name: 'summary',
    limited: false,
    columns: () => SUMMARY_COLUMNS,
    run: (source, request) => summarizeTeams(source, request),
  },
  'mtta-mttr': {
    name: 'mtta-mttr',
    groupings: MTTA_MTTR_GROUPINGS,
    limited: false,
    columns: (by) => mttaMttrColumns(choose(MTTA_MTTR_GROUPINGS, by)),
    run: (source, request) => measureResponseTimes(source, { ...request, by: choose(MTTA_MTTR_GROUPINGS, request.by) }),
  },
  volume: {
    name: 'volume',
    groupings: VOLUME_PERIODS,
    limited: false,
    columns: () => VOLUME_COLUMNS,
    run: (source, request) => countIncidentVolume(source, { ...request, by: choose(VOLUME_PERIODS, request.by) }),
  },
  open: {
    name: 'open',
    limited: true,
    columns: () => OPEN_INCIDENT_COLUMNS,
    run: (source, request) => listOpenIncidents(source, request),
    batches: (source, request) => openIncidentBatches(source, request),
  },
  noisy: {
    name: 'noisy',
    limited: true,
    columns: () => NOISY_COLUMNS,
    run: (source, request) => findNoisyIncidents(source, request),
  },
  'team-overview': {
    name: 'team-overview',
    limited: false,
    columns: () => TEAM_OVERVIEW_COLUMNS,
    run: (source, request) => overviewTeams(source, request),
  },
  services: {
    name: 'services',
    limited: false,
    columns: () => SERVICE_COLUMNS,
    empty: 'No services stored for these teams (services refresh with the catalogs, every SPIKE_CATALOG_INTERVAL).',
    run: (source, request) => reportServices(source, request),
  },
  responders: {
    name: 'responders',
    limited: false,
    columns: () => RESPONDER_COLUMNS,
    empty: 'No one acknowledged, resolved or was interrupted by an incident in this window.',
    run: (source, request) => reportResponders(source, request),
  },
  'oncall-load': {
    name: 'oncall-load',
    limited: false,
    columns: () => ONCALL_LOAD_COLUMNS,
    empty: 'No on-call shifts or interruptions in this window.',
    run: (source, request) => reportOncallLoad(source, request),
  },
};

/** The grouping asked for, or the default; callers validate user input first, so a bad value is a bug. */
function choose<T extends string>(allowed: readonly [T, ...T[]], by: string | undefined): T {
  if (by === undefined) return allowed[0];
  const found = allowed.find((a) => a === by);
  if (found === undefined) throw new RangeError(`unknown grouping "${by}"; expected one of ${allowed.join(', ')}`);
  return found;
}
