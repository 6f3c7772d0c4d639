import type { Store } from '../open.js';
import { incidents, oncallSchedules, teamMembers, teams, users } from '../schema.js';
import { createDepartedUsersRecorder } from './departed-users.js';
import { createEntityWriter, type EntityWriter, type RowOf } from './entity-writer.js';

export interface OpenIncidentRef {
  id: string;
  counterId: string | null;
}

export interface Repositories {
  readonly store: Store;
  readonly teams: EntityWriter<RowOf<typeof teams>>;
  readonly users: EntityWriter<RowOf<typeof users>>;
  readonly teamMembers: EntityWriter<RowOf<typeof teamMembers>>;
  readonly incidents: EntityWriter<RowOf<typeof incidents>>;
  readonly oncallSchedules: EntityWriter<RowOf<typeof oncallSchedules>>;
  /** Runs `fn` in one SQLite transaction; `fn` must be synchronous (better-sqlite3 cannot await inside one). */
  transaction<T>(fn: () => T): T;
  /** Incidents the store holds as open (NACK or ACK) for a team. */
  listStoredOpenIncidents(teamId: string): OpenIncidentRef[];
  /** Of these incident ids, the ones stored under a team other than `teamId`, with that team. */
  findIncidentsOfOtherTeams(teamId: string, ids: readonly string[]): Map<string, string>;
  /** Live teams already in the store: the fallback when the team listing fails. */
  listStoredTeams(): { id: string; name: string }[];
  /** When each team's `stream` last completed (teams that never did are absent). */
  listLastSuccess(stream: string): Map<string, string>;
  /** Marks users who vanished from the organisation removed and ends every membership of a user who left. */
  recordDepartedUsers(now: string): { usersRemoved: number; membershipsEnded: number };
}

export function createRepositories(store: Store): Repositories {
  const { sqlite } = store;
  const openIncidents = sqlite.prepare(
    "SELECT id, counter_id AS counterId FROM incidents WHERE team_id = ? AND status IN ('NACK', 'ACK') AND deleted_at IS NULL",
  );
  const otherTeams = sqlite.prepare('SELECT id, team_id AS teamId FROM incidents WHERE id IN (SELECT value FROM json_each(?)) AND team_id <> ?');
  const storedTeams = sqlite.prepare('SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name');
  const lastSuccess = sqlite.prepare('SELECT team_id AS teamId, last_success_at AS at FROM sync_state WHERE stream = ? AND last_success_at IS NOT NULL');
  return {
    store,
    teams: createEntityWriter(sqlite, teams),
    users: createEntityWriter(sqlite, users),
    teamMembers: createEntityWriter(sqlite, teamMembers),
    incidents: createEntityWriter(sqlite, incidents),
    oncallSchedules: createEntityWriter(sqlite, oncallSchedules),
    transaction: (fn) => sqlite.transaction(fn)(),
    listStoredOpenIncidents: (teamId) => openIncidents.all(teamId) as OpenIncidentRef[],
    findIncidentsOfOtherTeams: (teamId, ids) =>
      new Map((otherTeams.all(JSON.stringify(ids), teamId) as { id: string; teamId: string }[]).map((r) => [r.id, r.teamId])),
    listStoredTeams: () => storedTeams.all() as { id: string; name: string }[],
    recordDepartedUsers: createDepartedUsersRecorder(sqlite),
    listLastSuccess: (stream) => new Map((lastSuccess.all(stream) as { teamId: string; at: string }[]).map((r) => [r.teamId, r.at])),
  };
}
