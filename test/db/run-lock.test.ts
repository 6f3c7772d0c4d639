import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunLockedError, acquireRunLock, openStore } from '../../src/db/index.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();
const now = new Date('2026-01-01T00:00:00.000Z');

describe('run lock', () => {
  it('refuses a second holder while the first is alive, and frees on release', () => {
    const store = openStore(join(tempDir(), 's.db'));
    const first = acquireRunLock(store.sqlite, { now, staleMs: 60_000 });
    // The parent of this test process is alive and is not us: it stands for another running sync.
    expect(() => acquireRunLock(store.sqlite, { now, staleMs: 60_000, pid: process.ppid })).toThrow(RunLockedError);
    expect(() => acquireRunLock(store.sqlite, { now, staleMs: 60_000, pid: process.ppid })).toThrow(/another sync is running on this store \(pid \d+/);
    first.release();
    acquireRunLock(store.sqlite, { now, staleMs: 60_000, pid: process.ppid }).release();
    store.close();
  });

  it('recovers a lock left by a process that no longer exists', () => {
    const store = openStore(join(tempDir(), 's.db'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(child.stdout.toString());
    acquireRunLock(store.sqlite, { now, staleMs: 60_000, pid: deadPid });
    const lock = acquireRunLock(store.sqlite, { now, staleMs: 60_000 });
    expect(store.sqlite.prepare('SELECT pid FROM sync_lock').pluck().get()).toBe(process.pid);
    lock.release();
    store.close();
  });

  it('recovers a lock whose heartbeat is stale even if the pid is alive', () => {
    const store = openStore(join(tempDir(), 's.db'));
    acquireRunLock(store.sqlite, { now, staleMs: 60_000, pid: process.ppid });
    const later = new Date(now.getTime() + 61_000);
    const lock = acquireRunLock(store.sqlite, { now: later, staleMs: 60_000 });
    expect(store.sqlite.prepare('SELECT pid FROM sync_lock').pluck().get()).toBe(process.pid);
    lock.release();
    store.close();
  });
});
