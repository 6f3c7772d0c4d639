import { StoreError, type DeferredIndexes } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import type { SyncDeps } from './context.js';
import { InterruptedError } from './errors.js';

/**
 * Before a run: the report indexes a first backfill writes without (see Store.deferReportIndexes), or null. Called
 * before the run's ledger row, so a store that fails here leaves no run open.
 */
export async function setReportIndexesAside(deps: SyncDeps): Promise<DeferredIndexes | null> {
  const deferred = await deps.store.deferReportIndexes();
  if (deferred) deps.logger.info({ indexes: deferred.names.length }, 'first backfill: the report indexes are built when the run ends');
  return deferred;
}

/**
 * After a run that was not stopped: builds them, one at a time. A stop signal between two leaves the rest aside for
 * the next run (InterruptedError); a failure says what failed and that the next run builds them (StoreError).
 */
export async function buildReportIndexes(deps: SyncDeps, deferred: DeferredIndexes): Promise<void> {
  const begun = deps.clock.now().getTime();
  deps.logger.info({ indexes: deferred.names.length }, 'building the report indexes set aside for the first backfill');
  let built: boolean;
  try {
    built = await deferred.build(deps.signal);
  } catch (err) {
    throw new StoreError(`the report indexes set aside for the first backfill could not be built (the next run builds them): ${describeError(err)}`, { cause: err });
  }
  if (!built) throw new InterruptedError();
  deps.logger.info({ indexes: deferred.names.length, ms: deps.clock.now().getTime() - begun }, 'report indexes built');
}
