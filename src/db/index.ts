export { StoreError } from './errors.js';
export type {
  Store, StoreWrites, StoreLock, RunLedger, EntityWriter, EntityTable, EntityRow, OpenIncidentRef, TeamRow, UserRow, TeamMemberRow, IncidentRow, OncallScheduleRow,
} from './store.js';
export type { SqlDialect } from './dialect.js';
export type { SqlReader, SqlRow, SqlValue } from './sql-reader.js';
export type { StoreMode } from './sqlite/open.js';
// The SQLite store: today the only one, so `openStore` opens it.
export { openStore } from './sqlite/adapter.js';
export type { RowOf, WriteCounts, DeleteOutcome } from './sqlite/repositories/entity-writer.js';
export type { StreamState } from './sqlite/repositories/sync-state.js';
export type { RunStatus, StreamStatus, StreamRecord } from './sqlite/repositories/run-ledger.js';
export { RunLockedError, type LockName } from './sqlite/repositories/run-lock.js';
export type { StreamStatusRow } from './sqlite/repositories/sync-status.js';
