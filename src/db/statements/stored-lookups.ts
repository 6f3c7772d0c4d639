import type { SqlExecutor } from '../sql-executor.js';
import type { OpenIncidentRef } from '../store.js';

/** The reads a sync makes to decide what to fetch. */

export function listStoredOpenIncidents(sql: SqlExecutor, teamId: string): Promise<OpenIncidentRef[]> {
  return sql.all<OpenIncidentRef>(
    `SELECT id, counter_id AS "counterId" FROM incidents WHERE team_id = @teamId AND status IN ('NACK', 'ACK') AND deleted_at IS NULL`,
    { teamId },
  );
}

export async function findIncidentsOfOtherTeams(sql: SqlExecutor, teamId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const listed = sql.dialect.inList('id', 'ids', ids);
  const rows = await sql.all<{ id: string; teamId: string }>(`SELECT id, team_id AS "teamId" FROM incidents WHERE ${listed.sql} AND team_id <> @teamId`, {
    ...listed.params,
    teamId,
  });
  return new Map(rows.map((r) => [r.id, r.teamId]));
}

export function listStoredTeams(sql: SqlExecutor): Promise<{ id: string; name: string }[]> {
  return sql.all('SELECT id, name FROM teams WHERE deleted_at IS NULL ORDER BY name');
}

export async function listLastSuccess(sql: SqlExecutor, stream: string): Promise<Map<string, string>> {
  const rows = await sql.all<{ teamId: string; at: string }>(
    'SELECT team_id AS "teamId", last_success_at AS at FROM sync_state WHERE stream = @stream AND last_success_at IS NOT NULL',
    { stream },
  );
  return new Map(rows.map((r) => [r.teamId, r.at]));
}
