import type { Store } from '../../db/index.js';
import { monthStartUtc } from '../../jobs/request-budget.js';
import { ORG_SCOPE } from '../../jobs/stream-runner.js';
import type { Clock } from '../../lib/clock.js';
import { describeError } from '../../lib/errors.js';
import { SPIKE_ID } from '../../lib/ids.js';
import type { Logger } from '../../lib/logger.js';
import type { LastSuccess, SyncMetrics } from './sync-metrics.js';

export interface StaleTeam {
  team: string;
  /** The oldest last success among the streams every run completes; null when one never succeeded. */
  last_success_at: string | null;
  /** The streams of that team that never succeeded or succeeded too long ago. */
  streams: string[];
}

export interface Readiness {
  ready: boolean;
  body: {
    status: 'ready' | 'not ready';
    store: 'reachable' | 'unreachable' | 'not checked yet';
    stale_after_seconds: number;
    checked_at: string | null;
    stale: StaleTeam[];
    reason?: string;
  };
}

export interface StoreWatchOptions {
  /** A store of its own, opened to read: its queries never queue behind the sync's write transactions. */
  store: Store;
  /** SPIKE_TEAMS, or null for every live team in the store. */
  teams: readonly string[] | null;
  /** The team streams every run completes: a team is fresh when all of them succeeded within `staleAfterMs`. */
  freshnessStreams: readonly string[];
  /** The streams whose last success the metrics show: the organisation's, and the teams' interval streams too. */
  reportedStreams: readonly string[];
  staleAfterMs: number;
  refreshEveryMs: number;
  monthlyBudget: number | null;
  metrics: SyncMetrics;
  clock: Clock;
  logger: Logger;
}

export interface StoreWatch {
  /**
   * Reads the store again (at most one read at a time: a call during one waits for it). `afterRun`: a run
   * may have spent requests, so the month's spending is read too.
   */
  refresh(options?: { afterRun?: boolean }): Promise<void>;
  /** From what the last read found, judged against the clock now: never touches the store. */
  readiness(): Readiness;
  /** Stops the timer and waits for a read under way, so the store can be closed after it. */
  stop(): Promise<void>;
}

interface Snapshot {
  at: number;
  /** Each selected team's streams and when each last succeeded (null: never). */
  teams: Map<string, Map<string, number | null>>;
}

/**
 * What `/readyz` and the freshness metrics know of the store, read on a timer and after each run and kept in
 * memory: a probe is answered from here at once, whatever the store is doing. The store counts as unreachable
 * when the last read failed, or when none has succeeded for three refresh periods (a read that hangs).
 */
export function watchStore(options: StoreWatchOptions): StoreWatch {
  const { store, logger } = options;
  let snapshot: Snapshot | null = null;
  let lastError: string | null = null;
  let inFlight: Promise<void> | null = null;
  let stopped = false;
  // The month's spending is a sum over the ledger: read after runs and when the month turns, not on every timer tick.
  let budgetDue = options.monthlyBudget !== null;
  let budgetMonth = '';

  const read = async (): Promise<void> => {
    const now = options.clock.now();
    try {
      // sync_state only, by its key: a read that stays small however long the ledger grows.
      const live = new Set((await store.listStoredTeams()).map((t) => t.id));
      const selected = options.teams ?? [...live];
      const successes: LastSuccess[] = [];
      for (const stream of options.reportedStreams) {
        for (const [scope, at] of await store.listLastSuccess(stream)) successes.push({ scope, stream, at });
      }
      // A team that was deleted, or that SPIKE_TEAMS leaves out, would otherwise look stale forever.
      const watched = new Set(selected.filter((id) => live.has(id)));
      options.metrics.setLastSuccess(successes.filter((s) => s.scope === ORG_SCOPE || watched.has(s.scope)));
      const month = monthStartUtc(now).toISOString();
      if (options.monthlyBudget !== null && (budgetDue || month !== budgetMonth)) {
        budgetDue = false;
        const used = await store.ledger.countRequestsSince(month);
        budgetMonth = month;
        options.metrics.setBudgetRemaining(options.monthlyBudget - used);
      }
      snapshot = { at: now.getTime(), teams: freshnessOf(successes, selected, options.freshnessStreams) };
      if (lastError !== null) logger.info('metrics: the store answers again');
      lastError = null;
    } catch (err) {
      budgetDue = options.monthlyBudget !== null;
      if (lastError === null) logger.warn({ err: describeError(err) }, 'metrics: could not read the store; /readyz answers 503 until it can');
      lastError = 'the store could not be read (see the worker log)';
    }
  };
  const refresh = (refreshOptions: { afterRun?: boolean } = {}): Promise<void> => {
    if (stopped) return Promise.resolve();
    // A read already under way may be past the budget: the next one reads it then.
    if (refreshOptions.afterRun === true && options.monthlyBudget !== null) budgetDue = true;
    inFlight ??= read().finally(() => (inFlight = null));
    return inFlight;
  };
  const timer = setInterval(() => void refresh(), options.refreshEveryMs);
  timer.unref();

  return {
    refresh,
    readiness() {
      const now = options.clock.now().getTime();
      const base = { stale_after_seconds: Math.round(options.staleAfterMs / 1000), checked_at: snapshot === null ? null : new Date(snapshot.at).toISOString(), stale: [] };
      if (snapshot === null && lastError === null) return notReady({ ...base, store: 'not checked yet' }, 'the store has not been read yet');
      if (snapshot === null || lastError !== null || now - snapshot.at > 3 * options.refreshEveryMs) {
        return notReady({ ...base, store: 'unreachable' }, lastError ?? 'the store has not answered recently');
      }
      if (snapshot.teams.size === 0) return notReady({ ...base, store: 'reachable' }, 'no team has been synced yet');
      const stale = staleTeams(snapshot.teams, now - options.staleAfterMs);
      if (stale.length > 0) return notReady({ ...base, store: 'reachable', stale }, `${stale.length} team(s) not synced within ${base.stale_after_seconds}s`);
      return { ready: true, body: { status: 'ready', store: 'reachable', ...base } };
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

function notReady(body: Omit<Readiness['body'], 'status' | 'reason'>, reason: string): Readiness {
  const { store, ...rest } = body;
  return { ready: false, body: { status: 'not ready', store, reason, ...rest } };
}

/** Per selected team, when each freshness stream last succeeded; a team the store has no row for has none. */
function freshnessOf(successes: readonly LastSuccess[], selected: readonly string[], streams: readonly string[]): Map<string, Map<string, number | null>> {
  const teams = new Map<string, Map<string, number | null>>();
  for (const id of selected) {
    // Ids go back out in the body: only the shape a team id has (SPIKE_TEAMS is checked; stored ones come from the API).
    if (SPIKE_ID.test(id)) teams.set(id, new Map(streams.map((s) => [s, null])));
  }
  for (const success of successes) {
    const team = teams.get(success.scope);
    if (team === undefined || !team.has(success.stream)) continue;
    const at = Date.parse(success.at);
    team.set(success.stream, Number.isNaN(at) ? null : at);
  }
  return teams;
}

function staleTeams(teams: Map<string, Map<string, number | null>>, cutoff: number): StaleTeam[] {
  const stale: StaleTeam[] = [];
  for (const [team, streams] of teams) {
    const late = [...streams].filter(([, at]) => at === null || at < cutoff).map(([stream]) => stream);
    if (late.length === 0) continue;
    const times = [...streams.values()];
    const oldest = times.includes(null) ? null : Math.min(...(times as number[]));
    stale.push({ team, last_success_at: oldest === null ? null : new Date(oldest).toISOString(), streams: late });
  }
  return stale;
}
