import type { EntityWriter, StoreWrites } from '../db/index.js';
import { listOncalls, listTeamUsers, type SpikeClient } from '../spike/index.js';
import { applySnapshot } from './apply-snapshot.js';
import type { Mapped } from './mappers/fields.js';
import { mapOncallSchedule, mapTeamMember } from './mappers/org-entities.js';
import type { StreamContext } from './stream-context.js';

/** A team-scoped listing that is complete for the team: what changed is written, what vanished is soft-deleted. */
interface TeamListing<Row> {
  what: string;
  list: (client: SpikeClient, teamId: string) => Promise<unknown[]>;
  map: (item: unknown, teamId: string) => Mapped<Row>;
  writer: (tx: StoreWrites) => EntityWriter<Row>;
}

function syncTeamListing<Row extends { id: string }>(listing: TeamListing<Row>) {
  return async ({ deps, settings, team, tally }: StreamContext): Promise<void> => {
    const items = await listing.list(deps.client, team.id);
    await applySnapshot(deps, {
      label: `team ${team.id} ${listing.what}`,
      items,
      map: (item) => listing.map(item, team.id),
      writer: listing.writer,
      scope: { column: 'team_id', value: team.id },
      full: settings.full,
    }, tally);
  };
}

/** The `team_members` stream: who belongs to the team now, from the team's `/users`. */
export const syncTeamMembers = syncTeamListing({ what: 'members', list: listTeamUsers, map: mapTeamMember, writer: (tx) => tx.writer('team_members') });

/** The `oncall_schedules` stream: the team's schedules and their layers. */
export const syncOncallSchedules = syncTeamListing({ what: 'on-call schedules', list: listOncalls, map: mapOncallSchedule, writer: (tx) => tx.writer('oncall_schedules') });
