import { NO_CHECKPOINT, type StreamState } from '../../db/index.js';

/**
 * What the cost of one scope's streams in one run is estimated from: a team's history as the store tells it (or, before
 * its first sync, as a first look at the API suggests). The organisation's scope has only `lastSuccess`; its counts are 0.
 */
export interface ScopeOutlook {
  readonly id: string;
  readonly name: string;
  /** Whether the store holds the team: streams that run before the organisation's team listing walk only stored teams. */
  readonly stored: boolean;
  /** The checkpoint of the team's `incidents` stream. */
  readonly incidents: StreamState;
  /**
   * Incidents the team's `/incidents` listing holds, as far as known: when the store's backfill is not finished and
   * no look at the API told the total, what is known so far (and `unknown` says so).
   */
  readonly listed: number;
  /** Incidents a read of new pages passes: those triggered at or after the watermark minus the lookback. */
  readonly sinceWatermark: number;
  /** Incidents stored as open that Spike no longer lists as open: one detail fetch each. */
  readonly leftOpenSet: number;
  /** Activity logs waiting to be read, one request each. */
  readonly pendingActivity: number;
  /** Live on-call schedules the team owns. */
  readonly schedules: number;
  /** Of those, the ones without any stored shift: their first read reconstructs the past, window by window. */
  readonly schedulesWithoutShifts: number;
  /** When each stream last succeeded for the scope (absent: never). */
  readonly lastSuccess: ReadonlyMap<string, string>;
  /** What could not be counted: the estimate is then a lower bound. */
  readonly unknown: readonly string[];
  /** What was assumed rather than counted. */
  readonly assumed: readonly string[];
}

/** A scope with nothing stored, nothing pending and nothing known: what the organisation's streams are priced on. */
export function emptyOutlook(id: string, name: string, lastSuccess: ReadonlyMap<string, string> = new Map()): ScopeOutlook {
  return {
    id,
    name,
    stored: false,
    incidents: NO_CHECKPOINT,
    listed: 0,
    sinceWatermark: 0,
    leftOpenSet: 0,
    pendingActivity: 0,
    schedules: 0,
    schedulesWithoutShifts: 0,
    lastSuccess,
    unknown: [],
    assumed: [],
  };
}

/**
 * A team after its backfill in a run where nothing changed: its incidents read in full a moment ago, one schedule
 * with shifts stored, nothing pending. What every run costs at least (see minimumUsefulRun).
 */
export function steadyOutlook(now: Date): ScopeOutlook {
  const at = now.toISOString();
  return {
    ...emptyOutlook('steady', 'steady'),
    stored: true,
    incidents: { watermark: at, resumePage: null, lastFullAt: at, lastSuccessAt: at },
    schedules: 1,
  };
}
