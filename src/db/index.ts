export { openStore, StoreError, type Store, type Db, type StoreMode } from './open.js';
export type { SqlDialect } from './dialect.js';
export type { SqlReader, SqlRow, SqlValue } from './sql-reader.js';
export { createRepositories, type Repositories, type OpenIncidentRef } from './repositories/index.js';
export type { EntityWriter, RowOf, WriteCounts, DeleteOutcome } from './repositories/entity-writer.js';
export { readStreamState, saveStreamState, type StreamState } from './repositories/sync-state.js';
export { startRun, finishRun, beginStream, finishStream, closeAbandonedRuns, countRequestsSince, type RunStatus, type StreamStatus, type StreamRecord } from './repositories/run-ledger.js';
export { acquireRunLock, RunLockedError, type RunLock, type LockName } from './repositories/run-lock.js';
export { listStreamStatus, type StreamStatusRow } from './repositories/sync-status.js';
