import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunLockedError, type Store } from '../../src/db/index.js';
import { createSqliteStore, openSqlite } from '../../src/db/sqlite/index.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();
const now = new Date('2026-01-01T00:00:00.000Z');

function openBoth(): { store: Store } {
  return { store: createSqliteStore(openSqlite(join(tempDir(), 's.db'))) };
}

describe('run lock', () => {
  it('refuses a second holder while the first is alive, and frees on release', async () => {
    const { store } = openBoth();
    const first = await store.acquireLock('sync', { now, staleMs: 60_000 });
    // The parent of this test process is alive and is not us: it stands for another running sync.
    await expect(store.acquireLock('sync', { now, staleMs: 60_000, pid: process.ppid })).rejects.toThrow(RunLockedError);
    await expect(store.acquireLock('sync', { now, staleMs: 60_000, pid: process.ppid })).rejects.toThrow(/another sync is running on this store \(pid \d+/);
    await first.release();
    await (await store.acquireLock('sync', { now, staleMs: 60_000, pid: process.ppid })).release();
    await store.close();
  });

  it('a store another connection keeps busy beyond the busy timeout is reported as locked, with no holder to name', async () => {
    const path = join(tempDir(), 'busy.db');
    const handle = openSqlite(path);
    handle.sqlite.pragma('busy_timeout = 50');
    const store = createSqliteStore(handle);
    // Another process building an index holds the write lock for seconds, without holding the run lock.
    const writer = openSqlite(path);
    writer.sqlite.exec('BEGIN IMMEDIATE');
    try {
      const refused = await store.acquireLock('sync', { now, staleMs: 60_000 }).catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(RunLockedError);
      expect((refused as RunLockedError).holder).toBeNull();
      expect((refused as Error).message).toMatch(/^the store is busy: another process has been writing it/);
    } finally {
      writer.sqlite.exec('ROLLBACK');
      writer.close();
    }
    await (await store.acquireLock('sync', { now, staleMs: 60_000 })).release();
    await store.close();
  });

  it('recovers a lock left by a process that no longer exists', async () => {
    const { store } = openBoth();
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    await store.acquireLock('sync', { now, staleMs: 60_000, pid: deadPid });
    const lock = await store.acquireLock('sync', { now, staleMs: 60_000 });
    expect((await store.reader.all<{ pid: number }>('SELECT pid FROM sync_lock'))[0]?.pid).toBe(process.pid);
    await lock.release();
    await store.close();
  });

  it('recovers a lock whose heartbeat is stale even if the pid is alive', async () => {
    const { store } = openBoth();
    await store.acquireLock('sync', { now, staleMs: 60_000, pid: process.ppid });
    const later = new Date(now.getTime() + 61_000);
    const lock = await store.acquireLock('sync', { now: later, staleMs: 60_000 });
    expect((await store.reader.all<{ pid: number }>('SELECT pid FROM sync_lock'))[0]?.pid).toBe(process.pid);
    await lock.release();
    await store.close();
  });
});
