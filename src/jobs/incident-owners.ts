import type { SyncDeps } from './context.js';
import type { IncidentRow, ListedIncidentRow } from './mappers/incident.js';
import type { ListedTeam } from './stream-context.js';

/** Per stream: the incidents a team's listing served that belong to another team. */
export interface ForeignIncidents {
  /** Distinct ids: the open-set reconcile may serve an incident the pages already did. */
  ids: Set<string>;
}

export function noForeignIncidents(): ForeignIncidents {
  return { ids: new Set() };
}

/**
 * One incident can be listed under two teams. It stays with the team its own `team` field names;
 * without one, with the team that stored it first, so the two listings never take turns rewriting it.
 * Returns the rows with their owning team and counts the ones owned elsewhere.
 */
export async function assignOwners(deps: SyncDeps, team: ListedTeam, rows: ListedIncidentRow[], foreign: ForeignIncidents): Promise<IncidentRow[]> {
  // Only an item that names no team of its own yields to the stored owner; one that names this team has moved here.
  // Spike names the team on every incident it lists, so most pages ask the store nothing.
  const unclaimed = rows.filter((row) => row.teamFromListing).map((row) => row.id);
  const storedElsewhere = unclaimed.length > 0 ? await deps.store.findIncidentsOfOtherTeams(team.id, unclaimed) : new Map<string, string>();
  return rows.map((row) => {
    const owner = storedElsewhere.get(row.id);
    const owned = owner === undefined ? row : { ...row, teamId: owner };
    if (owned.teamId !== team.id) foreign.ids.add(owned.id);
    return owned;
  });
}

/** One warning per stream, however many pages carried incidents of other teams. */
export function warnForeignIncidents(deps: SyncDeps, team: ListedTeam, foreign: ForeignIncidents): void {
  if (foreign.ids.size === 0) return;
  const [first] = foreign.ids;
  deps.logger.warn(
    { team: team.id, incidents: foreign.ids.size, first },
    `team ${team.id} lists ${foreign.ids.size} incident(s) that belong to another team; they stay with that team`,
  );
}
