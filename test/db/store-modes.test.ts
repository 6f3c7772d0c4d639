import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/db/index.js';
import { openSqlite } from '../../src/db/sqlite/index.js';
import { useTempDir } from '../helpers/tmp.js';

// SQLite only: these tests are about how the SQLite file is opened, migrated and left untouched.

const tempDir = useTempDir();

/** A store written by the current code, closed, with its WAL folded into the file so its bytes can be compared. */
function freshStore(): string {
  const path = join(tempDir(), 'spike.db');
  const store = openSqlite(path);
  store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return path;
}

function catchStoreError(open: () => unknown): StoreError {
  try {
    open();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

describe('opening the store', () => {
  it('in write mode, journals to a WAL kept across a process crash, checkpointed every 10,000 pages', () => {
    const store = openSqlite(join(tempDir(), 'spike.db'));
    const setting = (name: string) => store.sqlite.pragma(name, { simple: true });
    // synchronous 1 is NORMAL: with WAL, a commit survives the process, and only an OS crash may lose the last ones.
    expect([setting('journal_mode'), setting('synchronous'), setting('wal_autocheckpoint')]).toEqual(['wal', 1, 10_000]);
    store.close();
  });

  it('in read mode, refuses a path where no store exists and creates nothing', () => {
    const dir = join(tempDir(), 'no', 'such');
    const path = join(dir, 'x.db');
    const err = catchStoreError(() => openSqlite(path, { mode: 'read' }));
    expect(err.message).toContain(`no store at ${path}`);
    expect(existsSync(dir)).toBe(false);
  });

  it('in read mode, neither migrates nor writes', () => {
    const path = freshStore();
    const before = readFileSync(path);
    const store = openSqlite(path, { mode: 'read' });
    expect(store.sqlite.prepare('SELECT count(*) FROM incidents').pluck().get()).toBe(0);
    expect(() => store.sqlite.exec('CREATE TABLE scratch (a)')).toThrow(/readonly/);
    store.close();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('in read mode, refuses a store behind this version and tells how to migrate it', () => {
    const path = freshStore();
    const store = openSqlite(path);
    store.sqlite.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    store.close();
    const err = catchStoreError(() => openSqlite(path, { mode: 'read' }));
    expect(err.message).toBe(`the store at ${path} is behind this version of spike-sync (1 migration(s) pending); run "spike-sync migrate --db ${path}" first`);
  });

  it('refuses, in either mode, a store migrated by a newer version, and writes nothing to it', () => {
    const path = freshStore();
    const store = openSqlite(path);
    store.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 4102444800000)").run();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = readFileSync(path);
    for (const mode of ['write', 'read'] as const) {
      const err = catchStoreError(() => openSqlite(path, { mode }));
      expect(err.message).toBe(`this store was migrated by a newer spike-sync (its newest migration dates from 2100-01-01T00:00:00.000Z): ${path}; upgrade spike-sync, or point SPIKE_DB_PATH at another store`);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    // Opening a WAL file may leave an empty -wal beside it; a write would have put frames in it.
    expect(existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0).toBe(0);
  });

  it('names the path when the file is not a SQLite database', () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'these are not the tables you are looking for\n'.repeat(200));
    for (const mode of ['write', 'read'] as const) {
      expect(catchStoreError(() => openSqlite(path, { mode })).message).toContain(`the store at ${path} is not usable`);
    }
  });
});
