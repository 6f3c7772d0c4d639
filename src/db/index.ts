export { openSqlite, StoreError, type SqliteHandle, type Db, type StoreMode } from './open.js';
export { openStore, createSqliteStore } from './sqlite-store.js';
export type {
  Store, StoreWrites, StoreLock, RunLedger, EntityWriter, EntityTable, EntityRow, OpenIncidentRef, TeamRow, UserRow, TeamMemberRow, IncidentRow, OncallScheduleRow,
} from './store.js';
export type { SqlDialect } from './dialect.js';
export type { SqlReader, SqlRow, SqlValue } from './sql-reader.js';
export type { RowOf, WriteCounts, DeleteOutcome } from './repositories/entity-writer.js';
export type { StreamState } from './repositories/sync-state.js';
export type { RunStatus, StreamStatus, StreamRecord } from './repositories/run-ledger.js';
export { RunLockedError, type LockName } from './repositories/run-lock.js';
export type { StreamStatusRow } from './repositories/sync-status.js';
