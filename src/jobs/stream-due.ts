import type { SyncDeps, SyncSettings } from './context.js';
import type { ListedTeam } from './stream-context.js';
import type { StreamDefinition } from './streams.js';

/**
 * Which of a tier's due team streams each team needs in this run: every stream without an interval, and an interval
 * stream when it never succeeded for the team, on `--full`, or once its interval has passed since its last success.
 */
export async function teamDueStreams(
  deps: SyncDeps,
  settings: SyncSettings,
  streams: readonly StreamDefinition[],
): Promise<(team: ListedTeam) => StreamDefinition[]> {
  const now = deps.clock.now().getTime();
  const lastSuccess = new Map<string, Map<string, string>>();
  for (const def of streams) if (def.interval !== undefined && !settings.full) lastSuccess.set(def.name, await deps.store.listLastSuccess(def.name));
  return (team) =>
    streams.filter((def) => {
      const at = lastSuccess.get(def.name)?.get(team.id);
      if (def.interval === undefined || at === undefined) return true;
      return now - Date.parse(at) >= def.interval(settings);
    });
}
