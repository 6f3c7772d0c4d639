import type { StreamRecord } from '../db/index.js';
import type { SyncDeps } from './context.js';
import type { ListedTeam } from './stream-context.js';
import { timeSpentMs } from './time-spent.js';

export interface TeamResult {
  team: ListedTeam;
  streams: StreamRecord[];
  ok: boolean;
  /** Why this process did not sync the team (another worker holds it, or synced it this tick); absent when it did. */
  skipped?: string;
}

/** What a team's visit returns: the records of the streams it ran, or why it ran none. */
export type TeamVisit = StreamRecord[] | { skipped: string };

/**
 * Visits teams one at a time (Spike scopes each request to one team). A team whose streams fail
 * is recorded and the walk goes on; only fatal errors thrown by `syncTeam` stop it. Results are
 * appended to `results` as each team finishes, so a run that stops early still reports the teams done.
 */
export async function forEachTeam(
  deps: SyncDeps,
  teams: readonly ListedTeam[],
  syncTeam: (team: ListedTeam) => Promise<TeamVisit>,
  results: TeamResult[] = [],
): Promise<TeamResult[]> {
  for (const team of teams) {
    const visit = await syncTeam(team);
    if (!Array.isArray(visit)) {
      results.push({ team, streams: [], ok: true, skipped: visit.skipped });
      deps.logger.info({ team: team.id, name: team.name, skipped: visit.skipped }, `team ${team.name} skipped: ${visit.skipped}`);
      continue;
    }
    const streams = visit;
    const ok = streams.every((s) => s.status === 'ok');
    results.push({ team, streams, ok });
    const count = (key: 'rowsInserted' | 'rowsUpdated' | 'rowsDeleted' | 'requests') => streams.reduce((n, s) => n + s[key], 0);
    deps.logger.info(
      { team: team.id, name: team.name, ok, inserted: count('rowsInserted'), updated: count('rowsUpdated'), deleted: count('rowsDeleted'), requests: count('requests'), ms: timeSpentMs(streams) },
      `team ${team.name} ${ok ? 'synced' : 'failed'}`,
    );
  }
  return results;
}
