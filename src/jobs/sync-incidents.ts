import type { StreamState } from '../db/index.js';
import { SpikeHttpError, getIncident, listOpenIncidents, pageIncidents } from '../spike/index.js';
import { countWrites, type StreamTally, type SyncDeps, type SyncSettings } from './context.js';
import type { ListedTeam, StreamContext } from './stream-context.js';
import { throwIfInterrupted } from './errors.js';
import { assignOwners, noForeignIncidents, warnForeignIncidents, type ForeignIncidents } from './incident-owners.js';
import { mapIncident, type IncidentRow } from './mappers/incident.js';
import { mapAll } from './apply-snapshot.js';

const STREAM = 'incidents';

/**
 * The `incidents` stream of one team. A full read (first backfill, the periodic reconciliation,
 * `--full`, or the rest of an interrupted one) walks every page; otherwise only pages down to the
 * checkpoint are read. Either way the open set is then reconciled, so acknowledgements and
 * resolutions of older incidents are never missed.
 */
export async function syncIncidents({ deps, settings, team, tally, run }: StreamContext): Promise<void> {
  const state = await deps.store.readStreamState(team.id, STREAM);
  const out: PageOut = { tally, foreign: noForeignIncidents() };
  if (isFullReadDue(state, settings, deps.clock.now())) await readAllPages(deps, team, state, settings.pageConcurrency, out);
  else await readNewPages(deps, team, state, settings.incidentLookbackMs, out);
  if (!run.openSetDone.has(team.id)) await reconcileOpenSet(deps, team, tally, out.foreign);
  warnForeignIncidents(deps, team, out.foreign);
}

/**
 * The `open_incidents` stream: the open-set reconcile on its own, run for every team before anything else
 * under a monthly budget. The team's `incidents` stream then skips it, unless this one failed.
 */
export async function syncOpenIncidents({ deps, team, tally, run }: StreamContext): Promise<void> {
  await reconcileOpenSet(deps, team, tally);
  run.openSetDone.add(team.id);
}

/** Whether the team's next incidents read walks every page: the request plan asks the same question. */
export function isFullReadDue(state: StreamState, settings: SyncSettings, now: Date): boolean {
  if (settings.full || state.resumePage !== null || state.lastFullAt === null) return true;
  return now.getTime() - Date.parse(state.lastFullAt) >= settings.fullSyncIntervalMs;
}

/** Every page from the checkpoint on. Pages are prefetched: a full read is where the volume is. */
async function readAllPages(deps: SyncDeps, team: ListedTeam, state: StreamState, concurrency: number, out: PageOut): Promise<void> {
  const startedAt = deps.clock.now().toISOString();
  let watermark = state.watermark;
  for await (const page of pageIncidents(deps.client, team.id, state.resumePage ?? 1, concurrency)) {
    const rows = mapAll(page.items, (item) => mapIncident(item, team.id), out.tally);
    watermark = latest(watermark, rows);
    await storePage(deps, team, rows, { resumePage: page.page + 1, watermark }, out);
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
    await storePage(deps, team, rows, {}, out);
    throwIfInterrupted(deps.signal);
    for (const row of rows) {
      const at = Date.parse(row.triggeredAt);
      if (at > previous && ordered) {
        ordered = false;
        deps.logger.warn({ team: team.id }, 'incident list is not newest-first; reading every page this run');
      }
      previous = at;
    }
    if (ordered && previous < stopBefore) break;
  }
  await deps.store.saveStreamState(team.id, STREAM, { watermark }, deps.clock.now().toISOString());
}

/**
 * Spike lists the open incidents (triggered, acknowledged) cheaply. Anything the store still holds
 * as open but Spike no longer lists has been resolved (or changed) since: fetch it alone.
 */
async function reconcileOpenSet(deps: SyncDeps, team: ListedTeam, tally: StreamTally, foreign?: ForeignIncidents): Promise<void> {
  const out: PageOut = { tally, foreign: foreign ?? noForeignIncidents() };
  const items = await listOpenIncidents(deps.client, team.id);
  const rows = mapAll(items, (item) => mapIncident(item, team.id), tally);
  await storePage(deps, team, rows, {}, out);
  const open = new Set(rows.map((r) => r.id));
  for (const stale of await deps.store.listStoredOpenIncidents(team.id)) {
    if (open.has(stale.id)) continue;
    throwIfInterrupted(deps.signal);
    const row = await fetchOne(deps, team, stale, tally);
    if (row) await storePage(deps, team, [row], {}, out, false);
  }
  // Run on its own (the open-set pre-pass), this is the whole stream: it warns for itself.
  if (!foreign) warnForeignIncidents(deps, team, out.foreign);
}

async function fetchOne(deps: SyncDeps, team: ListedTeam, stale: { id: string; counterId: string | null }, tally: StreamTally): Promise<IncidentRow | null> {
  const skip = (reason: string): null => {
    tally.itemsSkipped++;
    tally.firstSkipError ??= `${stale.id}: ${reason}`;
    return null;
  };
  if (!stale.counterId) return skip('left the open set but has no counterId to fetch it by');
  let item: unknown;
  try {
    item = await getIncident(deps.client, team.id, stale.counterId);
  } catch (err) {
    if (err instanceof SpikeHttpError && err.status === 404) return skip(`left the open set and ${stale.counterId} is not found`);
    throw err;
  }
  const [row] = mapAll([item], (i) => mapIncident(i, team.id), tally);
  return row ?? null;
}

/** Where a stream's pages report to: its ledger counters and the incidents it found owned by other teams. */
interface PageOut {
  tally: StreamTally;
  foreign: ForeignIncidents;
}

/** One transaction: the rows and the checkpoint that describes them. */
async function storePage(deps: SyncDeps, team: ListedTeam, listed: IncidentRow[], checkpoint: Partial<StreamState>, out: PageOut, countPage = true): Promise<void> {
  const { tally } = out;
  const now = deps.clock.now().toISOString();
  const rows = await assignOwners(deps, team, listed, out.foreign);
  await deps.store.transaction(async (tx) => {
    countWrites(tally, await tx.writer('incidents').upsert(rows, now));
    if (Object.keys(checkpoint).length > 0) await tx.saveStreamState(team.id, STREAM, checkpoint, now);
  });
  if (!countPage) return;
  tally.pages++;
  deps.onProgress?.({ teamId: team.id, teamName: team.name, stream: STREAM, pages: tally.pages, rows: tally.rowsInserted + tally.rowsUpdated });
}

function latest(watermark: string | null, rows: IncidentRow[]): string | null {
  let max = watermark;
  for (const row of rows) if (max === null || row.triggeredAt > max) max = row.triggeredAt;
  return max;
}
