// The SQLite store's own handle: for tests about SQLite itself (file modes, pragmas, the file's bytes).
// Everything else reaches the store through the port in src/db/index.ts.
export { createSqliteStore } from './adapter.js';
export { openSqlite, type SqliteHandle } from './open.js';
