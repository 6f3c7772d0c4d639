import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunStatus, StreamRecord } from '../../db/index.js';
import type { RunResult } from '../../jobs/run-sync.js';
import { ORG_SCOPE } from '../../jobs/stream-runner.js';
import { STREAMS } from '../../jobs/streams.js';
import { SPIKE_ID } from '../../lib/ids.js';

type FinishedStatus = Exclude<RunStatus, 'running'>;

const RUN_STATUSES: readonly FinishedStatus[] = ['ok', 'partial', 'failed', 'interrupted'];
const STREAM_OUTCOMES = new Set(['ok', 'failed', 'interrupted']);
/** The label of the organisation's streams (teams, users), which have no team. */
export const ORGANISATION_LABEL = 'organisation';
/** A stream writes the table of its name; these write another one. */
const TABLE_OF_STREAM: Readonly<Record<string, string>> = { open_incidents: 'incidents' };
const KNOWN_STREAMS = new Set(STREAMS.map((s) => s.name));

/** A run lasts from seconds (nothing changed) to an hour or more (a first sync of a large organisation). */
const RUN_DURATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200];

/** When a stream last completed for a scope: a team id, or the organisation's `*`. */
export interface LastSuccess {
  scope: string;
  stream: string;
  at: string;
}

export interface SyncMetrics {
  /** The text Prometheus scrapes, and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Counts a stream as it ends: its requests, rows and skipped items, whatever becomes of its run. */
  recordStream(record: StreamRecord): void;
  /** Counts a run that returned a result: its status and duration (its streams counted as each ended). */
  recordRun(result: RunResult): void;
  /** Counts a run that ended by throwing (a fatal error, a stop): its status and duration. */
  recordStoppedRun(status: 'failed' | 'interrupted', durationMs: number): void;
  /** Replaces every (team, stream) last success with these. */
  setLastSuccess(successes: readonly LastSuccess[]): void;
  setBudgetRemaining(requests: number): void;
  setUp(up: boolean): void;
}

/**
 * The worker's metrics in a registry of their own. Every label value is ours: statuses and outcomes from fixed
 * sets, streams and tables from the registry, teams as 24-hex ids (a name from the API is free text and changes);
 * anything else that comes back from the store is left out rather than passed on.
 */
export function createSyncMetrics(options: { monthlyBudget: boolean }): SyncMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const runs = new Counter({ name: 'spike_sync_runs_total', help: 'Sync runs finished by this worker, by outcome.', labelNames: ['status'], registers });
  const duration = new Histogram({ name: 'spike_sync_run_duration_seconds', help: 'Wall time of each sync run.', buckets: RUN_DURATION_BUCKETS, registers });
  const requests = new Counter({
    name: 'spike_sync_requests_total',
    help: 'Requests to the Spike API, by stream and by the outcome of the stream that sent them (ok, failed, interrupted).',
    labelNames: ['stream', 'outcome'],
    registers,
  });
  const rows = new Counter({ name: 'spike_sync_rows_written_total', help: 'Rows inserted, updated or marked deleted, by table.', labelNames: ['table', 'op'], registers });
  const skipped = new Counter({ name: 'spike_sync_items_skipped_total', help: 'Items from the API skipped as malformed, by stream.', labelNames: ['stream'], registers });
  const lastSuccess = new Gauge({
    name: 'spike_sync_last_success_timestamp_seconds',
    help: 'When each team stream (team="organisation" for the organisation streams) last completed, as the store records it.',
    labelNames: ['team', 'stream'],
    registers,
  });
  const budget = options.monthlyBudget
    ? new Gauge({ name: 'spike_sync_budget_remaining_requests', help: "Requests left of this calendar month's SPIKE_MONTHLY_REQUEST_BUDGET (UTC).", registers })
    : null;
  const up = new Gauge({ name: 'spike_sync_up', help: '1 while the worker runs its schedule, 0 once it is stopping.', registers });
  up.set(1);
  // Zero rather than absent before the first run, so rate() and increase() see every series from the start.
  for (const status of RUN_STATUSES) runs.inc({ status }, 0);

  return {
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    recordStream(r) {
      if (!KNOWN_STREAMS.has(r.stream)) return;
      if (STREAM_OUTCOMES.has(r.status)) requests.inc({ stream: r.stream, outcome: r.status }, r.requests);
      const table = TABLE_OF_STREAM[r.stream] ?? r.stream;
      rows.inc({ table, op: 'inserted' }, r.rowsInserted);
      rows.inc({ table, op: 'updated' }, r.rowsUpdated);
      rows.inc({ table, op: 'deleted' }, r.rowsDeleted);
      skipped.inc({ stream: r.stream }, r.itemsSkipped);
    },
    recordRun(result) {
      runs.inc({ status: result.status });
      duration.observe(result.durationMs / 1000);
    },
    recordStoppedRun(status, durationMs) {
      runs.inc({ status });
      duration.observe(durationMs / 1000);
    },
    setLastSuccess(successes) {
      lastSuccess.reset();
      for (const success of successes) {
        const team = teamLabel(success.scope);
        const at = Date.parse(success.at);
        if (team === null || !KNOWN_STREAMS.has(success.stream) || Number.isNaN(at)) continue;
        lastSuccess.set({ team, stream: success.stream }, at / 1000);
      }
    },
    setBudgetRemaining(remaining) {
      budget?.set(Math.max(0, remaining));
    },
    setUp(isUp) {
      up.set(isUp ? 1 : 0);
    },
  };
}

function teamLabel(teamId: string): string | null {
  if (teamId === ORG_SCOPE) return ORGANISATION_LABEL;
  return SPIKE_ID.test(teamId) ? teamId.toLowerCase() : null;
}
