import type { Store, StreamRecord } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import type { SpikeClient } from '../spike/index.js';

export interface SyncSettings {
  /** Only these team ids (null: every team). */
  teams: readonly string[] | null;
  /** Re-read every incident page and allow large soft-deletes. */
  full: boolean;
  incidentLookbackMs: number;
  fullSyncIntervalMs: number;
  /** Services, integrations and escalation policies are read again once this long has passed since they last succeeded. */
  catalogIntervalMs: number;
  /** On-call shifts and overrides are read again once this long has passed since they last succeeded. */
  oncallIntervalMs: number;
  /** The first read of a schedule's shifts reaches this far into the past. */
  oncallBackfillMs: number;
  /** Activity logs are read for incidents resolved within this span before the run (`sync --backfill-activity` widens it). */
  activityBackfillMs: number;
  /** Most requests this run may send (null: no limit); when spent, the run stops at its last checkpoint. */
  requestCap: number | null;
  /** Reconcile every known team's open incidents before anything else (a monthly budget is in force). */
  openSetFirst: boolean;
  /** Incident pages in flight during a full read (1: strictly sequential). */
  pageConcurrency: number;
  /**
   * When this tick began (for `start`, the scheduled time; unset: the start of the run). Workers sharing a store
   * skip a team, or the organisation, whose streams all succeeded after it: another worker synced it this tick.
   */
  tickStartedAt?: Date;
}

export interface ProgressEvent {
  teamId: string;
  teamName: string;
  stream: string;
  pages: number;
  rows: number;
}

/** Everything a sync needs, passed in from the composition root. */
export interface SyncDeps {
  client: SpikeClient;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Aborted by SIGINT, SIGTERM or SIGHUP: requests in flight and waits end, nothing partial is stored, the run stops. */
  signal: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Each stream's outcome once the ledger has it: also those of a run that then ends by throwing. */
  onStreamRecorded?: (record: StreamRecord) => void;
}

/** Counters one stream fills while it runs; they end up in `sync_run_streams`. */
export interface StreamTally {
  pages: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  itemsSkipped: number;
  /** Items stored whose type is not known (activity-log entries). */
  itemsUnknown: number;
  firstSkipError: string | null;
}

export function newTally(): StreamTally {
  return { pages: 0, rowsInserted: 0, rowsUpdated: 0, rowsDeleted: 0, itemsSkipped: 0, itemsUnknown: 0, firstSkipError: null };
}

/** Counts `pages` more of a team's stream as stored, and tells the progress line. */
export function countPages(deps: SyncDeps, team: { id: string; name: string }, stream: string, tally: StreamTally, pages: number): void {
  tally.pages += pages;
  deps.onProgress?.({ teamId: team.id, teamName: team.name, stream, pages: tally.pages, rows: tally.rowsInserted + tally.rowsUpdated });
}

/** Adds what one upsert wrote to a stream's counters. */
export function countWrites(tally: StreamTally, counts: { inserted: number; updated: number }): void {
  tally.rowsInserted += counts.inserted;
  tally.rowsUpdated += counts.updated;
}
