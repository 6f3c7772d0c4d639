import type { StreamTally, SyncDeps, SyncSettings } from './context.js';

export interface ListedTeam {
  id: string;
  name: string;
}

/** What the streams of one run learn and share as it goes. */
export interface RunState {
  /** The organisation's teams from this run's listing; null until it has run, and when it failed. */
  listed: ListedTeam[] | null;
  /** Teams whose open incidents an earlier tier of this run has already reconciled. */
  openSetDone: Set<string>;
}

/** Everything a stream's run gets: one signature for every stream. `team` is the organisation for its streams. */
export interface StreamContext {
  deps: SyncDeps;
  settings: SyncSettings;
  team: ListedTeam;
  tally: StreamTally;
  run: RunState;
}
