export { RunLockedError, StoreError } from './errors.js';
export type {
  Store, StoreWrites, StoreLock, RunLedger, EntityWriter, EntityTable, EntityRow, OpenIncidentRef, TeamRow, UserRow, TeamMemberRow, IncidentRow, OncallScheduleRow,
  WriteCounts, DeleteOutcome, StreamState, RunStatus, StreamStatus, StreamRecord, StreamStatusRow, LockName,
} from './store.js';
export type { SqlDialect } from './dialect.js';
export type { SqlReader, SqlRow, SqlValue } from './sql-reader.js';
export type { StoreMode } from './sqlite/open.js';
// The SQLite store: today the only one, so `openStore` opens it.
export { openStore } from './sqlite/adapter.js';
