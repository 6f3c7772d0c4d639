import type { ActivityCursor, IncidentResponders, PendingActivity, StoreWrites } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import { SpikeHttpError, SpikeStoppedError, getActivityLog, namesIncident } from '../spike/index.js';
import { countPages, countWrites, type StreamTally, type SyncDeps, type SyncSettings } from './context.js';
import { isFatal, stopsRunCleanly, throwIfInterrupted } from './errors.js';
import type { Fetched } from '../lib/in-flight.js';
import { MAX_FETCHES_PER_COMMIT, readAheadTogether } from './read-ahead.js';
import { eventsOfLog } from './mappers/incident-event.js';
import type { ListedTeam, StreamContext } from './stream-context.js';

const STREAM = 'incident_events';
/** Pending incidents read from the store at a time: the queue may be long after a backfill. */
const BATCH = 200;
/** A skip reason quotes the API's answer: the ledger keeps a bounded part of it. */
const MAX_REASON_CHARS = 500;
/**
 * Logs in a row that failed (after the client's retries) before the stream gives up: one bad log is that log's
 * problem, several in a row say the API is down, and the rest of the queue would only hammer it.
 */
export const MAX_FAILED_LOGS_IN_A_ROW = 3;

/**
 * The `incident_events` stream: the activity log of every resolved incident of the team, read once per
 * resolution (one request each). Each log commits with its read mark, so a run cut short (budget, signal,
 * crash) leaves exactly the unread ones pending, and an empty queue costs nothing. Logs are read ahead
 * (SPIKE_PAGE_CONCURRENCY requests in flight) and committed in order, those that arrived together in one
 * transaction: after a backfill the queue is long, one request per incident, and waiting for each in turn, or
 * committing each alone, would be most of a first sync's time.
 */
export async function syncActivity({ deps, settings, team, tally }: StreamContext): Promise<void> {
  let after: ActivityCursor = { resolvedAt: activitySince(settings, deps.clock.now()), id: '' };
  let zones: ZoneOf | null = null;
  const failures = { inARow: 0 };
  const request = (incident: PendingActivity, signal: AbortSignal) =>
    namesIncident(incident.counterId) ? getActivityLog(deps.client, team.id, incident.counterId, signal) : Promise.resolve([]);
  for (;;) {
    const pending = await deps.store.listPendingActivity(team.id, after, BATCH);
    if (pending.length === 0) return;
    const zoneOf = (zones ??= await loadZones(deps, team.id));
    for await (const group of readAheadTogether(pending, request, settings.pageConcurrency, MAX_FETCHES_PER_COMMIT)) {
      throwIfInterrupted(deps.signal);
      await readLogs(deps, team, group, { zoneOf, failures }, tally);
      const [last] = group.at(-1) as Fetched<PendingActivity, unknown[]>;
      after = { resolvedAt: last.resolvedAt, id: last.id };
    }
    if (pending.length < BATCH) return;
  }
}

/** The oldest resolution whose log a run starting `now` reads (the request plan counts from here too). */
export function activitySince(settings: Pick<SyncSettings, 'activityBackfillMs'>, now: Date): string {
  // A span longer than the epoch (`--backfill-activity 99999999d`) means every resolution there is.
  return new Date(Math.max(0, now.getTime() - settings.activityBackfillMs)).toISOString();
}

type ZoneOf = (userId: string) => string | null;

/** A person's own zone, else the team's schedule's: where an interruption is classed (null: UTC). */
async function loadZones(deps: SyncDeps, teamId: string): Promise<ZoneOf> {
  const zones = await deps.store.readActivityZones(teamId);
  return (userId) => zones.users.get(userId) ?? zones.schedule;
}

/** What judging the logs needs. */
interface LogRead {
  zoneOf: ZoneOf;
  failures: { inARow: number };
}

/** A log judged worth committing: its incident, and its entries mapped (null: only marked read). */
interface LogToStore {
  incident: PendingActivity;
  log: ReturnType<typeof eventsOfLog> | null;
}

/**
 * Logs that arrived together, judged in order, then one transaction: for each, the events, the removal of entries
 * the log no longer has and the read mark; then who responded to each incident, in incident id order, the order
 * incident pages lock their rows in (another worker may be storing an incident listed under its team too). What
 * the transaction wrote is counted once it has committed. A judgement that stops the stream still lets the logs
 * before it commit.
 */
async function readLogs(deps: SyncDeps, team: ListedTeam, fetched: readonly Fetched<PendingActivity, unknown[]>[], read: LogRead, tally: StreamTally): Promise<void> {
  const logs: LogToStore[] = [];
  let stop: { err: unknown } | null = null;
  for (const [incident, outcome] of fetched) {
    try {
      const { items, markRead } = judgeLog(deps, incident, { ...read, outcome }, tally);
      if (markRead) logs.push({ incident, log: items === null ? null : mapLog(team, incident, items, read.zoneOf, tally) });
    } catch (err) {
      stop = { err };
      break;
    }
  }
  if (logs.length > 0) {
    const now = deps.clock.now().toISOString();
    const written = { inserted: 0, updated: 0, deleted: 0 };
    await deps.store.transaction(async (tx) => {
      const responders: [string, IncidentResponders][] = [];
      for (const log of logs) {
        const whole = await storeLog(tx, team, log, now, written);
        if (whole) responders.push([log.incident.id, whole]);
      }
      responders.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [incidentId, who] of responders) await tx.setIncidentResponders(incidentId, who);
    });
    countWrites(tally, written);
    tally.rowsDeleted += written.deleted;
    countPages(deps, team, STREAM, tally, logs.length);
  }
  if (stop) throw stop.err;
}

function mapLog(team: ListedTeam, incident: PendingActivity, items: unknown[], zoneOf: ZoneOf, tally: StreamTally): ReturnType<typeof eventsOfLog> {
  const log = eventsOfLog(items, { id: incident.id, teamId: team.id }, zoneOf);
  tally.itemsSkipped += log.skipped.count;
  if (log.skipped.firstError !== null) tally.firstSkipError ??= `${incident.id}: ${log.skipped.firstError}`;
  tally.itemsUnknown += log.unknown;
  return log;
}

/** Stores one log's events and read mark, adding to `written`; returns who responded when the log is whole, else null. */
async function storeLog(tx: StoreWrites, team: ListedTeam, { incident, log }: LogToStore, now: string, written: { inserted: number; updated: number; deleted: number }): Promise<IncidentResponders | null> {
  let responders: IncidentResponders | null = null;
  // A log that cannot be fetched (no counterId, gone) is marked read with nothing else changed, so it is not asked for every run.
  if (log !== null) {
    const writer = tx.writer('incident_events');
    const counts = await writer.upsert(log.rows, now);
    written.inserted += counts.inserted;
    written.updated += counts.updated;
    // A log is taken as whole only when every entry was mapped and it has any: an entry skipped for a malformed
    // time is not gone from Spike (and may be the acknowledgement), and a log read again that comes back empty is
    // more likely a fault than every entry gone. Only a whole log removes entries and sets who responded.
    if (log.skipped.count === 0 && log.rows.length > 0) {
      const seen = new Set(log.rows.map((r) => r.id));
      written.deleted += (await writer.markMissing({ column: 'incident_id', value: incident.id }, seen, now, { force: true })).deleted;
      responders = { acknowledgedBy: log.acknowledgedBy, resolvedBy: log.resolvedBy };
    }
  }
  await tx.markActivityRead({ incidentId: incident.id, teamId: team.id, resolvedAt: incident.resolvedAt }, now);
  return responders;
}

/**
 * The incident's log; null when there is none to read: no counterId to ask by (no request was sent), or Spike no
 * longer has it (then it is marked read), or this one request failed after the client's retries (a refusal, an
 * unusable body, a 5xx, a timeout: then it stays pending for the next run, and the queue moves on without it). Both
 * are counted as skipped. What must stop the run (a rejected key, the store, a stop signal, the request budget) is
 * thrown, and so is the failure of MAX_FAILED_LOGS_IN_A_ROW logs in a row, which fails the stream.
 */
function judgeLog(deps: SyncDeps, incident: PendingActivity, read: LogRead & { outcome: PromiseSettledResult<unknown[]> }, tally: StreamTally): LogOutcome {
  const { outcome, failures } = read;
  const skip = (reason: string, judged: LogOutcome): LogOutcome => {
    tally.itemsSkipped++;
    tally.firstSkipError ??= `${incident.id}: ${reason}`;
    return judged;
  };
  if (!incident.counterId) return skip('resolved incident has no counterId to read its activity log by', { items: null, markRead: true });
  if (!namesIncident(incident.counterId)) return skip(`resolved incident's counterId ${JSON.stringify(incident.counterId)} cannot name it in a request`, { items: null, markRead: true });
  if (outcome.status === 'fulfilled') {
    failures.inARow = 0;
    return { items: outcome.value, markRead: true };
  }
  const err: unknown = outcome.reason;
  if (err instanceof SpikeHttpError && err.status === 404) {
    failures.inARow = 0;
    return skip(`activity log of ${incident.counterId} is not found`, { items: null, markRead: true });
  }
  if (!isThisLogsProblem(err, deps.signal)) throw err;
  failures.inARow++;
  if (failures.inARow >= MAX_FAILED_LOGS_IN_A_ROW) throw err;
  return skip(deps.client.scrub(describeError(err)).slice(0, MAX_REASON_CHARS), { items: null, markRead: false });
}

interface LogOutcome {
  items: unknown[] | null;
  /** False: nothing is written, and the incident stays in the queue. */
  markRead: boolean;
}

/** A failure of this one request, not a reason to stop reading the other incidents' logs. */
function isThisLogsProblem(err: unknown, signal: AbortSignal): boolean {
  return !signal.aborted && !isFatal(err) && !stopsRunCleanly(err) && !(err instanceof SpikeStoppedError);
}
