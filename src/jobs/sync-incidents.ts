import type { OpenIncidentRef, StreamState } from '../db/index.js';
import { SpikeHttpError, getIncident, listOpenIncidents, namesIncident, pageIncidents, pageIncidentsTogether, type Page } from '../spike/index.js';
import { countPages, countWrites, type StreamTally, type SyncDeps, type SyncSettings } from './context.js';
import type { ListedTeam, StreamContext } from './stream-context.js';
import { throwIfInterrupted } from './errors.js';
import { assignOwners, noForeignIncidents, warnForeignIncidents, type ForeignIncidents } from './incident-owners.js';
import { mapIncident, type IncidentRow, type ListedIncidentRow } from './mappers/incident.js';
import { mapAll } from './apply-snapshot.js';
import { MAX_FETCHES_PER_COMMIT, readAhead } from './read-ahead.js';
import { settle } from '../lib/in-flight.js';

const STREAM = 'incidents';

/**
 * The `incidents` stream of one team. A full read (first backfill, the periodic reconciliation,
 * `--full`, or the rest of an interrupted one) walks every page; otherwise only pages down to the
 * checkpoint are read. Either way the open set is then reconciled, so acknowledgements and
 * resolutions of older incidents are never missed.
 */
export async function syncIncidents({ deps, settings, team, tally, run }: StreamContext): Promise<void> {
  const state = await deps.store.readStreamState(team.id, STREAM);
  const reconcile = !run.openSetDone.has(team.id);
  // The open lists go out once the last page the read needs is in, while it is stored: still newer than every page.
  let lists: OpenLists | undefined;
  const sendLists = () => (lists ??= settle(listOpenIncidents(deps.client, team.id)));
  const out: PageOut = { tally, foreign: noForeignIncidents(), lastPageIn: reconcile ? sendLists : undefined };
  if (isFullReadDue(state, settings, deps.clock.now())) await readAllPages(deps, team, state, settings.pageConcurrency, out);
  else await readNewPages(deps, team, state, settings.incidentLookbackMs, out);
  if (reconcile) await reconcileOpenSet(deps, team, { tally, concurrency: settings.pageConcurrency, lists: sendLists() }, out.foreign);
  warnForeignIncidents(deps, team, out.foreign);
}

/** The team's two open lists, as they ended. */
type OpenLists = Promise<PromiseSettledResult<unknown[]>>;

/**
 * The `open_incidents` stream: the open-set reconcile on its own, run for every team before anything else
 * under a monthly budget. The team's `incidents` stream then skips it, unless this one failed.
 */
export async function syncOpenIncidents({ deps, settings, team, tally, run }: StreamContext): Promise<void> {
  await reconcileOpenSet(deps, team, { tally, concurrency: settings.pageConcurrency });
  run.openSetDone.add(team.id);
}

/** Whether the team's next incidents read walks every page: the request plan asks the same question. */
export function isFullReadDue(state: StreamState, settings: SyncSettings, now: Date): boolean {
  if (settings.full || state.resumePage !== null || state.lastFullAt === null) return true;
  return now.getTime() - Date.parse(state.lastFullAt) >= settings.fullSyncIntervalMs;
}

/** Every page from the checkpoint on. Pages are prefetched, and those that arrived together commit together: a full read is where the volume is. */
async function readAllPages(deps: SyncDeps, team: ListedTeam, state: StreamState, concurrency: number, out: PageOut): Promise<void> {
  const startedAt = deps.clock.now().toISOString();
  let watermark = state.watermark;
  const pages = pageIncidentsTogether(deps.client, team.id, { startPage: state.resumePage ?? 1, concurrency, most: MAX_FETCHES_PER_COMMIT });
  for await (const group of pages) {
    // One list for the group: an incident pushed onto the next page while the pages were read is stored once.
    const rows = mapAll(
      group.flatMap((page) => page.items),
      (item) => mapIncident(item, team.id),
      out.tally,
    );
    watermark = latest(watermark, rows);
    const lastPage = group.at(-1) as Page;
    if (lastPage.last) out.lastPageIn?.();
    await storePage(deps, team, rows, { resumePage: lastPage.page + 1, watermark }, out, group.length);
    throwIfInterrupted(deps.signal);
  }
  const now = deps.clock.now().toISOString();
  await deps.store.saveStreamState(team.id, STREAM, { resumePage: null, lastFullAt: startedAt }, now);
}

/**
 * Reads newest-first pages until one reaches past the watermark minus the lookback. The order is
 * not documented, so it is checked: once an item is newer than the one before it, every page is read.
 * The watermark moves only when the read ends normally: a run cut short after page 1 must not let
 * the next run stop above the pages it never read.
 */
async function readNewPages(deps: SyncDeps, team: ListedTeam, state: StreamState, lookbackMs: number, out: PageOut): Promise<void> {
  const stopBefore = state.watermark ? Date.parse(state.watermark) - lookbackMs : -Infinity;
  let watermark = state.watermark;
  let previous = Infinity;
  let ordered = true;
  for await (const page of pageIncidents(deps.client, team.id)) {
    const rows = mapAll(page.items, (item) => mapIncident(item, team.id), out.tally);
    watermark = latest(watermark, rows);
    for (const row of rows) {
      const at = Date.parse(row.triggeredAt);
      if (at > previous && ordered) {
        ordered = false;
        deps.logger.warn({ team: team.id }, 'incident list is not newest-first; reading every page this run');
      }
      previous = at;
    }
    const enough = ordered && previous < stopBefore;
    if (enough || page.last) out.lastPageIn?.();
    await storePage(deps, team, rows, {}, out);
    throwIfInterrupted(deps.signal);
    if (enough) break;
  }
  await deps.store.saveStreamState(team.id, STREAM, { watermark }, deps.clock.now().toISOString());
}

/**
 * Spike lists the open incidents (triggered, acknowledged) cheaply. Anything the store still holds as open but Spike
 * no longer lists has been resolved (or changed) since: fetch it alone. After many changes those are many requests,
 * read ahead (`concurrency` in flight) and stored in order.
 */
async function reconcileOpenSet(deps: SyncDeps, team: ListedTeam, options: { tally: StreamTally; concurrency: number; lists?: OpenLists }, foreign?: ForeignIncidents): Promise<void> {
  const { tally } = options;
  const out: PageOut = { tally, foreign: foreign ?? noForeignIncidents() };
  // What the store holds as open is read while the lists are in flight: storing the lists changes nothing of what
  // is stored as open and not listed, which is all it is read for.
  const [listed, stored] = await Promise.all([options.lists ?? settle(listOpenIncidents(deps.client, team.id)), settle(deps.store.listStoredOpenIncidents(team.id))]);
  if (listed.status === 'rejected') throw listed.reason;
  if (stored.status === 'rejected') throw stored.reason;
  const rows = mapAll(listed.value, (item) => mapIncident(item, team.id), tally);
  await storePage(deps, team, rows, {}, out);
  const open = new Set(rows.map((r) => r.id));
  const left = stored.value.filter((stale) => !open.has(stale.id));
  const fetchDetail = (stale: OpenIncidentRef, signal: AbortSignal) => (namesIncident(stale.counterId) ? getIncident(deps.client, team.id, stale.counterId, signal) : Promise.resolve(null));
  for await (const [stale, outcome] of readAhead(left, fetchDetail, options.concurrency)) {
    throwIfInterrupted(deps.signal);
    const row = judgeDetail(team, stale, outcome, tally);
    if (row) await storePage(deps, team, [row], {}, out, 0);
  }
  // Run on its own (the open-set pre-pass), this is the whole stream: it warns for itself.
  if (!foreign) warnForeignIncidents(deps, team, out.foreign);
}

/** The row of an incident that left the open set, from its detail; null when it has none to fetch by or Spike no longer has it. */
function judgeDetail(team: ListedTeam, stale: OpenIncidentRef, outcome: PromiseSettledResult<unknown>, tally: StreamTally): ListedIncidentRow | null {
  const skip = (reason: string): null => {
    tally.itemsSkipped++;
    tally.firstSkipError ??= `${stale.id}: ${reason}`;
    return null;
  };
  if (!stale.counterId) return skip('left the open set but has no counterId to fetch it by');
  if (!namesIncident(stale.counterId)) return skip(`left the open set but its counterId ${JSON.stringify(stale.counterId)} cannot name it in a request`);
  if (outcome.status === 'rejected') {
    const err: unknown = outcome.reason;
    if (err instanceof SpikeHttpError && err.status === 404) return skip(`left the open set and ${stale.counterId} is not found`);
    throw err;
  }
  const [row] = mapAll([outcome.value], (i) => mapIncident(i, team.id), tally);
  return row ?? null;
}

/** Where a stream's pages report to: its ledger counters and the incidents it found owned by other teams. */
interface PageOut {
  tally: StreamTally;
  foreign: ForeignIncidents;
  /** Called once the last page the read needs has arrived, before it is stored. */
  lastPageIn?: () => void;
}

/** One commit: the rows of `pages` listing pages (0 for rows fetched alone) and the checkpoint that describes them. */
async function storePage(deps: SyncDeps, team: ListedTeam, listed: ListedIncidentRow[], checkpoint: Partial<StreamState>, out: PageOut, pages = 1): Promise<void> {
  const { tally } = out;
  const now = deps.clock.now().toISOString();
  const rows = await assignOwners(deps, team, listed, out.foreign);
  const progress = Object.keys(checkpoint).length > 0 ? { checkpoint: { teamId: team.id, stream: STREAM, patch: checkpoint } } : {};
  countWrites(tally, await deps.store.writePage('incidents', rows, now, progress));
  if (pages > 0) countPages(deps, team, STREAM, tally, pages);
}

function latest(watermark: string | null, rows: IncidentRow[]): string | null {
  let max = watermark;
  for (const row of rows) if (max === null || row.triggeredAt > max) max = row.triggeredAt;
  return max;
}
