export { NoStoreError, RunLockedError, StoreDataError, StoreError } from './errors.js';
export type {
  Store, StoreWrites, StoreLock, Claim, RunLedger, EntityWriter, EntityTable, EntityRow, OpenIncidentRef, TeamRow, UserRow, TeamMemberRow, IncidentRow, OncallScheduleRow, OncallShiftRow, OncallOverrideRow,
  IncidentEventRow, PendingActivity, ActivityCursor, ActivityRead, IncidentResponders,
  StoredSchedule, ScheduleWindow, RunStart, RunSummary, IncidentCounts, StoredStreamState, DeferredIndexes,
  StoreMode, WriteCounts, DeleteOutcome, StreamState, StreamProgress, RunStatus, StreamStatus, StreamRecord, StreamStatusRow, LockName,
} from './store.js';
export type { SqlDialect } from './dialect.js';
export type { SqlReader, SqlRow, SqlValue } from './sql-reader.js';
export type { SqlStatement } from './sql-executor.js';
export { checkSchemaName, describeStore, maskPassword, postgresStore, type PostgresStoreConfig, type StoreConfig } from './store-config.js';
export type { CopyProgress, CopyOutcome } from './copy-store.js';
export { NO_CHECKPOINT } from './statements/sync-state.js';
import type { copyStore as copyStoreNow } from './copy-store.js';
import type { Store, StoreMode } from './store.js';
import type { StoreConfig } from './store-config.js';

/**
 * Opens the configured store. Each database's driver is loaded only when that store is opened, so a
 * SQLite user never loads node-postgres, and the reverse.
 */
export async function openStore(config: StoreConfig, options: { mode?: StoreMode } = {}): Promise<Store> {
  if (config.kind === 'postgres') {
    if (options.mode === 'read') return (await import('./postgres/read-store.js')).openPostgresReadStore(config);
    return (await import('./postgres/adapter.js')).openPostgresStore(config, options);
  }
  if (options.mode === 'read') return (await import('./sqlite/read-store.js')).openSqliteReadStore(config.path);
  return (await import('./sqlite/adapter.js')).openSqliteStore(config.path, options);
}

/** Copies a SQLite store into a PostgreSQL one (see copy-store.ts); loads both drivers only when called. */
export async function copyStore(...args: Parameters<typeof copyStoreNow>): ReturnType<typeof copyStoreNow> {
  return (await import('./copy-store.js')).copyStore(...args);
}
