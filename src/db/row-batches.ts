import { ROWS_PER_BATCH } from './sql-reader.js';

/** Runs `work` in its turn on a shared connection (a queue, a bounded pool) and gives its result when it ends. */
export type ConnectionTurn = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * The batches of `read`, which occupies a connection from its first batch to its last, read within one `turn`: the
 * turn begins before the statement starts and ends once the caller has finished or stopped reading, so no other
 * statement is handed the connection in between. Errors of the statement are given as `asError` makes them.
 */
export async function* heldBatches<Row>(turn: ConnectionTurn, read: () => AsyncIterable<Row[]>, asError: (err: unknown) => unknown = (err) => err): AsyncGenerator<Row[]> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let begin!: () => void;
  const begun = new Promise<void>((resolve) => (begin = resolve));
  const held = turn(() => {
    begin();
    return released;
  });
  // A turn that fails before it begins (the store is closed) fails the reading.
  await Promise.race([begun, held]);
  try {
    yield* read();
  } catch (err) {
    throw asError(err);
  } finally {
    release();
    await held;
  }
}

/**
 * The batches of `size` rows (the last may be shorter) of a synchronous cursor, opened when the first batch is asked
 * for; stopping early closes it.
 */
export async function* batchesOf<Row>(open: () => Iterable<Row>, size: number | undefined): AsyncGenerator<Row[]> {
  const most = batchSize(size);
  let batch: Row[] = [];
  for (const row of open()) {
    batch.push(row);
    if (batch.length >= most) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** The size asked for, or ROWS_PER_BATCH; anything but a whole number of rows, 1 or more, is a bug of the caller. */
export function batchSize(size: number | undefined): number {
  if (size === undefined) return ROWS_PER_BATCH;
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`a batch holds a whole number of rows, 1 or more; got ${size}`);
  return size;
}
