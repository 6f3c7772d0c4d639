import type { StreamRecord } from '../db/index.js';
import type { SyncDeps } from './context.js';
import type { ListedTeam } from './stream-context.js';

export interface TeamResult {
  team: ListedTeam;
  streams: StreamRecord[];
  ok: boolean;
}

/**
 * Visits teams one at a time (Spike scopes each request to one team). A team whose streams fail
 * is recorded and the walk goes on; only fatal errors thrown by `syncTeam` stop it. Results are
 * appended to `results` as each team finishes, so a run that stops early still reports the teams done.
 */
export async function forEachTeam(
  deps: SyncDeps,
  teams: readonly ListedTeam[],
  syncTeam: (team: ListedTeam) => Promise<StreamRecord[]>,
  results: TeamResult[] = [],
): Promise<TeamResult[]> {
  for (const team of teams) {
    const streams = await syncTeam(team);
    const ok = streams.every((s) => s.status === 'ok');
    results.push({ team, streams, ok });
    const count = (key: 'rowsInserted' | 'rowsUpdated' | 'rowsDeleted' | 'requests' | 'durationMs') => streams.reduce((n, s) => n + s[key], 0);
    deps.logger.info(
      { team: team.id, name: team.name, ok, inserted: count('rowsInserted'), updated: count('rowsUpdated'), deleted: count('rowsDeleted'), requests: count('requests'), ms: count('durationMs') },
      `team ${team.name} ${ok ? 'synced' : 'failed'}`,
    );
  }
  return results;
}
