// The SQLite adapter's own machinery: one connection shared by asynchronous callers.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError, type Store } from '../../src/db/index.js';
import { createSqliteStore, openSqlite } from '../../src/db/sqlite/index.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();
const NOW = '2026-01-01T00:00:00.000Z';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freshStore(): Store {
  return createSqliteStore(openSqlite(join(tempDir(), 's.db')));
}

function team(id: string) {
  return { id, name: id, uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: '{}' };
}

const teamCount = async (store: Store) => (await store.reader.all<{ n: number }>('SELECT count(*) AS n FROM teams'))[0]?.n;

describe('the SQLite store shared by asynchronous callers', () => {
  it('a read waits for the open transaction: it never sees rows that are then rolled back', async () => {
    const store = freshStore();
    let written: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (written = resolve));
    const failing = store.transaction(async (tx) => {
      await tx.writer('teams').upsert([team('a')], NOW);
      written();
      await pause(30);
      throw new Error('the page could not be stored');
    });
    // Asked from outside while the transaction is open and has written its row.
    await inside;
    const seen = teamCount(store);
    await expect(failing).rejects.toThrow('the page could not be stored');
    expect(await seen).toBe(0);
    await store.close();
  });

  it('a timer set inside a transaction that fires after it ended does not join the next one', async () => {
    const store = freshStore();
    let late: Promise<void> = Promise.resolve();
    await store.transaction(async (tx) => {
      await tx.writer('teams').upsert([team('a')], NOW);
      setTimeout(() => (late = store.saveStreamState('*', 'teams', { lastSuccessAt: NOW }, NOW)), 10);
    });
    // This transaction is open when the timer fires, and rolls back: the timer's write must survive it.
    await expect(store.transaction(async (tx) => {
      await tx.writer('teams').upsert([team('b')], NOW);
      await pause(40);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await late;
    expect((await store.readStreamState('*', 'teams')).lastSuccessAt).toBe(NOW);
    expect(await teamCount(store)).toBe(1);
    await store.close();
  });

  it('keeps working after a failed transaction, and refuses to nest one', async () => {
    const store = freshStore();
    await expect(store.transaction(async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    await expect(store.transaction((tx) => tx.writer('teams').upsert([team('a')], NOW).then(() => store.transaction(async () => 1)))).rejects.toThrow(StoreError);
    await store.transaction((tx) => tx.writer('teams').upsert([team('c')], NOW));
    expect(await teamCount(store)).toBe(1);
    await store.close();
  });

  it('close runs after the calls queued before it; a later call is a StoreError, and closing inside a transaction is refused', async () => {
    const store = freshStore();
    const queued = store.writer('teams').upsert([team('a')], NOW);
    await expect(store.transaction(() => store.close())).rejects.toThrow('cannot be closed from inside one of its transactions');
    const closing = store.close();
    expect(await queued).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    await closing;
    await expect(store.listStoredTeams()).rejects.toThrow(/^the store at .* is closed$/);
  });

  it('reports a failing statement as a StoreError naming the store', async () => {
    const store = freshStore();
    const error = await store.reader.all('SELECT no_such_column FROM teams').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(/^the store at .*s\.db failed: no such column: no_such_column$/);
    await store.close();
  });
});
