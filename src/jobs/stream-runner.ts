import type { StreamRecord, StreamStatus } from '../db/index.js';
import { describeError } from '../lib/errors.js';
import type { RequestMeter } from '../spike/index.js';
import { newTally, type StreamTally, type SyncDeps } from './context.js';
import { asFatal, interruptionOf, isFatal, stopsRunCleanly } from './errors.js';
import { accountStream } from './stream-accounting.js';

export const ORG_SCOPE = '*';

export interface StreamSpec {
  runId: number;
  teamId: string;
  stream: string;
  /** The run's meter: the stream's requests count into it too. */
  runMeter: RequestMeter;
}

/** A stream whose ledger row has been written (`running`), ready to run. */
export interface BegunStream {
  spec: StreamSpec;
  rowId: number;
  startedAt: Date;
}

/**
 * Writes the stream's ledger row before it sends anything, so a stream the store stopped (full disk) or a crash
 * cut short still has one. Streams run together are begun one after the other first: their rows keep the
 * registry's order.
 */
export async function beginStream(deps: SyncDeps, spec: StreamSpec): Promise<BegunStream> {
  const startedAt = deps.clock.now();
  const rowId = await deps.store.ledger
    .beginStream(spec.runId, { teamId: spec.teamId, stream: spec.stream, startedAt: startedAt.toISOString() })
    .catch((err: unknown) => Promise.reject(asFatal(err)));
  return { spec, rowId, startedAt };
}

/** Begins one stream, then runs it: see runBegunStream. */
export async function runStream(deps: SyncDeps, spec: StreamSpec, body: StreamBody): Promise<StreamRecord> {
  return runBegunStream(deps, await beginStream(deps, spec), body);
}

/** What a stream does: `deps` are the ones it must use, the run's with its requests metered. */
export type StreamBody = (tally: StreamTally, deps: SyncDeps) => Promise<void>;

/**
 * Runs one begun stream of one team, timing it, counting its requests and recording the outcome in the
 * ledger. Ordinary failures stay inside the stream; fatal ones (key rejected, store broken) and
 * clean stops (signal, spent budget) are recorded and rethrown so the whole run stops. Its ledger row holds the
 * requests of every page it committed as it goes (see accountStream).
 */
export async function runBegunStream(deps: SyncDeps, begun: BegunStream, body: StreamBody): Promise<StreamRecord> {
  const { spec, rowId, startedAt } = begun;
  const accounting = accountStream(deps, rowId, spec.runMeter);
  const tally = newTally();
  let status: StreamStatus = 'ok';
  let error: string | null = null;
  let stop: unknown;
  try {
    await body(tally, accounting.deps);
    // The one way a stream's success is recorded: its `last_success_at`, which status and freshness read.
    await markSuccess(deps, spec.stream, spec.teamId);
  } catch (caught) {
    // Once a stop was asked for, whatever cut the stream short (an aborted retry wait included) is that stop.
    const err = deps.signal.aborted && !isFatal(caught) ? interruptionOf(deps.signal) : caught;
    status = stopsRunCleanly(err) ? 'interrupted' : 'failed';
    // API text is scrubbed where it enters; this is the last gate before the ledger, in case a path was missed.
    error = deps.client.scrub(describeError(err));
    if (stopsRunCleanly(err) || isFatal(err)) stop = err;
    if (status === 'failed') deps.logger.error({ team: spec.teamId, stream: spec.stream, err: error }, 'stream failed');
  }
  // A request the body left running would be counted after the count is recorded: none may outlive the stream.
  await accounting.meter.idle();
  const finishedAt = deps.clock.now();
  const record: StreamRecord = {
    teamId: spec.teamId,
    stream: spec.stream,
    status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    requests: accounting.meter.sent,
    error,
    ...tally,
    // A skip reason may quote the item (its id, a value it could not read): the same last gate as `error`.
    firstSkipError: tally.firstSkipError === null ? null : deps.client.scrub(tally.firstSkipError),
  };
  try {
    await deps.store.ledger.finishStream(rowId, record);
  } catch (err) {
    // The store that failed the stream may refuse this too: its row then stays `running` until the next run marks it interrupted.
    if (!stop) throw asFatal(err);
    deps.logger.error({ team: spec.teamId, stream: spec.stream, err: describeError(err) }, 'could not record the outcome of the stream');
  }
  deps.onStreamRecorded?.(record);
  if (stop) throw stop;
  return record;
}

/** Records that `stream` of `teamId` completed now. */
async function markSuccess(deps: SyncDeps, stream: string, teamId: string): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.store.saveStreamState(teamId, stream, { lastSuccessAt: now }, now);
}
