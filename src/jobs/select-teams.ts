import type { SyncDeps, SyncSettings } from './context.js';
import type { ListedTeam } from './stream-context.js';

export interface TeamSelection {
  /** The teams to walk, in walking order. */
  teams: ListedTeam[];
  /** Asked-for ids (SPIKE_TEAMS or --team) that the organisation's team listing does not hold. */
  unknown: string[];
}

/**
 * The teams to walk. Asked-for ids are checked against the team listing: an id it does not hold
 * is reported, not walked, since every request for it would fail. When the listing itself failed
 * (`listed` is null) the stored teams stand in; they cannot prove an id unknown (it may be a team
 * created since), so every asked-for id is walked.
 */
export async function selectTeams(deps: SyncDeps, listed: readonly ListedTeam[] | null, settings: SyncSettings): Promise<TeamSelection> {
  const known = listed ?? (await deps.store.listStoredTeams());
  if (!settings.teams) return { teams: await inTurn(deps, [...known], settings), unknown: [] };
  const teams: ListedTeam[] = [];
  const unknown: string[] = [];
  for (const id of settings.teams) {
    const team = known.find((t) => t.id === id);
    if (team) teams.push(team);
    else if (listed === null) teams.push({ id, name: id });
    else unknown.push(id);
  }
  for (const id of unknown) {
    deps.logger.warn({ team: id }, `team ${id} (from SPIKE_TEAMS or --team) is not a team of this organisation; skipping it`);
  }
  return { teams: await inTurn(deps, teams, settings), unknown };
}

/** The stored teams among those asked for: the open-set pre-pass walks only teams it already knows. */
export async function selectStoredTeams(deps: SyncDeps, settings: SyncSettings): Promise<ListedTeam[]> {
  const stored = await deps.store.listStoredTeams();
  return inTurn(deps, settings.teams ? stored.filter((t) => settings.teams?.includes(t.id)) : stored, settings);
}

/** Under a request cap the team whose incidents synced least recently goes first, so capped runs take turns. */
async function inTurn(deps: SyncDeps, teams: ListedTeam[], settings: SyncSettings): Promise<ListedTeam[]> {
  if (settings.requestCap === null) return teams;
  const last = await deps.store.listLastSuccess('incidents');
  return teams.sort((a, b) => (last.get(a.id) ?? '').localeCompare(last.get(b.id) ?? ''));
}
