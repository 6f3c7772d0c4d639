import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/sqlite/index.js';
import { runCaptured } from '../helpers/cli-io.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { API_KEY } from '../helpers/harness.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();

// Nothing listens here: a command that sent a request would fail with a network error, not the store's line.
const env = (dbPath: string) => ({ SPIKE_API_KEY: API_KEY, SPIKE_API_URL: 'http://127.0.0.1:9', SPIKE_DB_PATH: dbPath, LOG_LEVEL: 'silent' });

const cli = (args: string[], dbPath: string) => runCaptured(args, env(dbPath));

describe('a store path that holds no store', () => {
  it.each([
    ['report', 'summary'],
    ['status', '--max-age', '1h'],
  ])('%s %s exits 1 with one line naming the path and creates nothing', async (...args) => {
    const dir = join(tempDir(), 'no', 'such', 'dir');
    const path = join(dir, 'x.db');
    const result = await cli([...args, '--db', path], join(tempDir(), 'unused.db'));
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err.trim().split('\n')).toEqual([`spike-sync: no store at ${path}: nothing has been synced there yet (check SPIKE_DB_PATH or --db, or run "spike-sync sync" first)`]);
    expect(existsSync(dir)).toBe(false);
  });
});

describe('an empty --db', () => {
  it.each([['status'], ['report', 'summary'], ['migrate']])('is refused by %s with one line', async (...args) => {
    const result = await cli([...args, '--db', ' '], join(tempDir(), 'unused.db'));
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toEqual(['spike-sync: configuration error: --db: is empty']);
  });
});

describe('a store from a newer version', () => {
  it('is refused by migrate, sync and report with one line, and nothing is written', async () => {
    const path = join(tempDir(), 'spike.db');
    // SQLite only: a newer version is faked in SQLite's migration table, and the file's bytes are compared.
    const store = openSqlite(path);
    store.sqlite.prepare("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('newer', 4102444800000)").run();
    store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    store.close();
    const before = readFileSync(path);
    for (const args of [['migrate'], ['sync'], ['report', 'summary']]) {
      const result = await cli(args, path);
      expect(result.code).toBe(1);
      expect(result.err).toBe(`spike-sync: this store was migrated by a newer spike-sync (its newest migration dates from 2100-01-01T00:00:00.000Z): ${path}; upgrade spike-sync, or point SPIKE_DB_PATH at another store\n`);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

/**
 * A store whose file may not be written, and the user to run the CLI as: root writes any file, so when the tests run
 * as root the CLI runs as an unprivileged user.
 */
function readOnlyStore(): { dir: string; path: string; user: { uid: number; gid: number } | undefined } {
  const dir = tempDir();
  const path = join(dir, 'spike.db');
  openSqlite(path).close();
  chmodSync(path, 0o444);
  return { dir, path, user: process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined };
}

describe('a store in a folder this process may not write', () => {
  it('is refused by the commands that read it with one line saying what SQLite needs there', async () => {
    const { dir, path, user } = readOnlyStore();
    chmodSync(dir, 0o555);
    try {
      for (const args of [['status'], ['report', 'summary']]) {
        const child = spawnCli([...args, '--db', path], env(join(dir, 'unused.db')), user);
        const { code } = await finishWithin(child, 20_000);
        expect(code).toBe(1);
        expect(child.stderr()).toBe(
          `spike-sync: the store at ${path} cannot be read from a folder this process may not write: SQLite creates ${path}-shm beside a store to read it. Let this user write ${dir} (the file itself may stay read-only): attempt to write a readonly database\n`,
        );
      }
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});

describe('a store this process may not write', () => {
  it('stops sync with one line naming the path, without a stack trace', async () => {
    const { dir, path, user } = readOnlyStore();
    // The folder stays writable for that user: only the file is read-only.
    if (user) chmodSync(dir, 0o777);
    const child = spawnCli(['sync'], env(path), user);
    const { code } = await finishWithin(child, 20_000);
    expect(code).toBe(1);
    expect(child.stderr()).toBe(
      `spike-sync: the store at ${path} is read-only: this process may not write ${path} (a sync needs to write the file and create its -wal and -shm files beside it)\n`,
    );
  });
});
