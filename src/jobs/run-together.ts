import type { StreamRecord } from '../db/index.js';
import { eitherSignal } from '../lib/either-signal.js';
import { RequestBudgetError } from '../spike/index.js';
import { withGet } from './client-view.js';
import type { SyncDeps } from './context.js';
import { InterruptedError, isFatal } from './errors.js';
import { beginStream, runBegunStream, runStream, type BegunStream, type StreamBody, type StreamSpec } from './stream-runner.js';
import type { StreamDefinition } from './streams.js';

/** How each stream of one team (or the organisation) is recorded and run. */
export interface StreamPlan {
  spec(def: StreamDefinition): StreamSpec;
  body(def: StreamDefinition): StreamBody;
}

/** The organisation's streams, one after the other: the team listing comes first, so a rejected key costs one request. */
export async function runInTurn(deps: SyncDeps, defs: readonly StreamDefinition[], plan: StreamPlan): Promise<StreamRecord[]> {
  const records: StreamRecord[] = [];
  for (const def of defs) records.push(await runStream(deps, plan.spec(def), plan.body(def)));
  return records;
}

/**
 * A team's due streams of one tier, at once: a tier's streams do not depend on one another, and their requests'
 * latencies overlap. Their ledger rows are begun first, one after the other, so they keep the registry's order.
 */
export async function runAtOnce(deps: SyncDeps, defs: readonly StreamDefinition[], plan: StreamPlan): Promise<StreamRecord[]> {
  const begun: { def: StreamDefinition; stream: BegunStream }[] = [];
  for (const def of defs) begun.push({ def, stream: await beginStream(deps, plan.spec(def)) });
  return runTogether(deps, begun, ({ def, stream }, together) => runBegunStream(together, stream, plan.body(def)));
}

/**
 * Runs streams that do not depend on one another (one tier, for one team) at once, so their
 * requests' latencies overlap, and returns their records in the order given. Each counts its own requests.
 * A stream that must stop the run (a fatal error) stops the others too, at their next request or page, as a stop
 * signal would; however they end, every one has ended before this returns or throws, so nothing outlives it.
 * The error thrown is then the most serious: fatal, else a spent budget, else the stop.
 */
export async function runTogether<T>(deps: SyncDeps, items: readonly T[], run: (item: T, deps: SyncDeps) => Promise<StreamRecord>): Promise<StreamRecord[]> {
  if (items.length <= 1) return Promise.all(items.map((item) => run(item, deps)));
  const halt = new AbortController();
  const either = eitherSignal(deps.signal, halt.signal);
  const signal = either.signal ?? halt.signal;
  const together: SyncDeps = {
    ...deps,
    signal,
    client: withGet(deps.client, (path, options = {}) => {
      const own = eitherSignal(options.signal, signal);
      return deps.client.get(path, { ...options, signal: own.signal }).finally(() => own.dispose());
    }),
  };
  try {
    const outcomes = await Promise.allSettled(
      items.map((item) =>
        run(item, together).catch((err: unknown) => {
          if (isFatal(err)) halt.abort(new InterruptedError('stopped: another stream running beside it failed, and the run stops'));
          throw err;
        }),
      ),
    );
    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    if (failures.length > 0) throw failures.find(isFatal) ?? failures.find((e) => e instanceof RequestBudgetError) ?? failures[0];
    return outcomes.map((o) => (o as PromiseFulfilledResult<StreamRecord>).value);
  } finally {
    either.dispose();
  }
}
