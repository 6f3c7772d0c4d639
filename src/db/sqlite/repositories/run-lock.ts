import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { RunLockedError } from '../../errors.js';
import type { LockName } from '../../store.js';

export interface RunLock {
  /** Proves the holder is alive; a lock whose heartbeat is older than the stale limit can be taken over. */
  heartbeat(now: string): void;
  release(): void;
}

interface Holder {
  pid: number;
  hostname: string;
  acquired_at: string;
  heartbeat_at: string;
}

/**
 * Takes one of the store's locks (the run lock by default), or throws RunLockedError naming the holder.
 * A lock left behind by a killed process is recovered: its pid is gone (same host) or its heartbeat is older than `staleMs`.
 */
export function acquireRunLock(sqlite: Database.Database, options: { now: Date; staleMs: number; pid?: number; name?: LockName }): RunLock {
  const lockName = options.name ?? 'sync';
  const pid = options.pid ?? process.pid;
  const host = hostname();
  const now = options.now.toISOString();
  const take = sqlite.transaction(() => {
    const holder = sqlite.prepare('SELECT pid, hostname, acquired_at, heartbeat_at FROM sync_lock WHERE name = ?').get(lockName) as Holder | undefined;
    if (holder && isLive(holder, { pid, host, now: options.now.getTime(), staleMs: options.staleMs })) {
      throw new RunLockedError(
        `another sync is running on this store (pid ${holder.pid} on ${holder.hostname}, since ${holder.acquired_at}); wait for it to finish or stop it`,
        { pid: holder.pid, hostname: holder.hostname, since: holder.acquired_at },
      );
    }
    sqlite
      .prepare('INSERT OR REPLACE INTO sync_lock (name, pid, hostname, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)')
      .run(lockName, pid, host, now, now);
  });
  try {
    take.immediate();
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'SQLITE_BUSY') throw err;
    // Nobody holds the lock, but a writer kept the store longer than busy_timeout: a first backfill's run builds each
    // of its report indexes in one transaction of seconds. Like a held lock, it is a reason to wait, not a failure.
    throw new RunLockedError('the store is busy: another process has been writing it for several seconds (a first backfill builds its report indexes at its end); try again shortly', null);
  }
  return {
    heartbeat: (at) => {
      sqlite.prepare('UPDATE sync_lock SET heartbeat_at = ? WHERE name = ? AND pid = ? AND hostname = ?').run(at, lockName, pid, host);
    },
    release: () => {
      sqlite.prepare('DELETE FROM sync_lock WHERE name = ? AND pid = ? AND hostname = ?').run(lockName, pid, host);
    },
  };
}

function isLive(holder: Holder, self: { pid: number; host: string; now: number; staleMs: number }): boolean {
  if (self.now - Date.parse(holder.heartbeat_at) > self.staleMs) return false;
  if (holder.hostname !== self.host) return true;
  // Our own pid can only be a leftover of an earlier process that had the same pid (containers restart as pid 1).
  if (holder.pid === self.pid) return false;
  return processExists(holder.pid);
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
