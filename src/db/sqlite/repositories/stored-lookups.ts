import type Database from 'better-sqlite3';
import type { OpenIncidentRef } from '../../store.js';

/** The reads a sync needs to decide what to fetch, as prepared statements over one connection. */
export function createStoredLookups(sqlite: Database.Database) {
  const openIncidents = sqlite.prepare(
    "SELECT id, counter_id AS counterId FROM incidents WHERE team_id = ? AND status IN ('NACK', 'ACK') AND deleted_at IS NULL",
  );
  const otherTeams = sqlite.prepare('SELECT id, team_id AS teamId FROM incidents WHERE id IN (SELECT value FROM json_each(?)) AND team_id <> ?');
  const liveTeams = sqlite.prepare('SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name');
  const lastSuccess = sqlite.prepare('SELECT team_id AS teamId, last_success_at AS at FROM sync_state WHERE stream = ? AND last_success_at IS NOT NULL');
  return {
    openIncidents: (teamId: string) => openIncidents.all(teamId) as OpenIncidentRef[],
    incidentsOfOtherTeams: (teamId: string, ids: readonly string[]) =>
      new Map((otherTeams.all(JSON.stringify(ids), teamId) as { id: string; teamId: string }[]).map((r) => [r.id, r.teamId])),
    liveTeams: () => liveTeams.all() as { id: string; name: string }[],
    lastSuccess: (stream: string) => new Map((lastSuccess.all(stream) as { teamId: string; at: string }[]).map((r) => [r.teamId, r.at])),
  };
}
