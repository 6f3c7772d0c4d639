import type { EntityWriter, StoreWrites } from '../db/index.js';
import { listOncalls, listTeamUsers, type SpikeClient } from '../spike/index.js';
import { countWrites } from './context.js';
import { applySnapshot } from './apply-snapshot.js';
import type { Mapped } from './mappers/fields.js';
import { mapOncallSchedule, mapScheduleTeamLink, mapTeamMember } from './mappers/org-entities.js';
import type { StreamContext } from './stream-context.js';

/**
 * Rows of a second table derived from the same listing (a schedule's link to the team, a policy's targets),
 * written in the listing's transaction and complete for the team in the same way.
 */
export interface Companion<Row> {
  map: (item: unknown, teamId: string) => Mapped<Row[]>;
  writer: (tx: StoreWrites) => EntityWriter<Row>;
}

/** A team-scoped listing that is complete for the team: what changed is written, what vanished is soft-deleted. */
export interface TeamListing<Row, Linked> {
  what: string;
  list: (client: SpikeClient, teamId: string) => Promise<unknown[]>;
  map: (item: unknown, teamId: string) => Mapped<Row>;
  writer: (tx: StoreWrites) => EntityWriter<Row>;
  companion?: Companion<Linked>;
}

export function syncTeamListing<Row extends { id: string }, Linked extends { id: string } = never>(listing: TeamListing<Row, Linked>) {
  return async ({ deps, settings, team, tally }: StreamContext): Promise<void> => {
    const items = await listing.list(deps.client, team.id);
    const scope = { column: 'team_id', value: team.id };
    const { companion } = listing;
    await applySnapshot(deps, {
      label: `team ${team.id} ${listing.what}`,
      items,
      map: (item) => listing.map(item, team.id),
      writer: listing.writer,
      scope,
      full: settings.full,
      alsoInTransaction: companion && (async (tx, complete) => {
        const derived = items.map((item) => companion.map(item, team.id));
        const rows = derived.flatMap((d) => (d.ok ? d.row : []));
        const writer = companion.writer(tx);
        const now = deps.clock.now().toISOString();
        countWrites(tally, await writer.upsert(rows, now));
        // An item whose companion rows could not be read may still have them: nothing of the team is proven gone.
        if (!complete || derived.some((d) => !d.ok)) return;
        const outcome = await writer.markMissing(scope, new Set(rows.map((r) => r.id)), now, { force: settings.full });
        tally.rowsDeleted += outcome.deleted;
      }),
    }, tally);
  };
}

/** The `team_members` stream: who belongs to the team now, from the team's `/users`. */
export const syncTeamMembers = syncTeamListing({ what: 'members', list: listTeamUsers, map: mapTeamMember, writer: (tx) => tx.writer('team_members') });

/**
 * The `oncall_schedules` stream: the team's schedules and their layers, and the team's link to each (a schedule
 * shared by teams is listed by each of them; its row belongs to one, see mapOncallSchedule).
 */
export const syncOncallSchedules = syncTeamListing({
  what: 'on-call schedules',
  list: listOncalls,
  map: mapOncallSchedule,
  writer: (tx) => tx.writer('oncall_schedules'),
  companion: { map: mapScheduleTeamLink, writer: (tx) => tx.writer('oncall_schedule_teams') },
});
