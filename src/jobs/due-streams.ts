import type { SyncDeps, SyncSettings } from './context.js';
import type { StreamDefinition } from './streams.js';

/**
 * Whether a stream with an interval is due for a scope whose last success was `lastSuccessAt`:
 * when it never succeeded, on --full, once that success is at least one interval old, or when it lies in the
 * future (the clock was set back since): otherwise the stream would wait until the clock catches up, maybe for years.
 */
export function isDueAfter(def: StreamDefinition, settings: SyncSettings, lastSuccessAt: string | null, now: Date): boolean {
  if (def.interval === undefined || settings.full || lastSuccessAt === null) return true;
  const since = Date.parse(lastSuccessAt);
  const age = now.getTime() - since;
  return Number.isNaN(since) || age < 0 || age >= def.interval(settings);
}

/** Of a tier's streams that run in this run, the ones due for `scope` (a team id, or the organisation's). */
export async function dueStreamsFor(deps: SyncDeps, settings: SyncSettings, scope: string, streams: readonly StreamDefinition[]): Promise<StreamDefinition[]> {
  const now = deps.clock.now();
  const due: StreamDefinition[] = [];
  for (const def of streams) {
    const last = def.interval === undefined ? null : (await deps.store.readStreamState(scope, def.name)).lastSuccessAt;
    if (isDueAfter(def, settings, last, now)) due.push(def);
  }
  return due;
}
