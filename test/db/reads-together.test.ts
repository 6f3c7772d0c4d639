import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError, openStore, type Store } from '../../src/db/index.js';
import { openSqlite } from '../../src/db/sqlite/index.js';
import { readsTogether } from '../../src/db/sqlite/reads-together.js';
import { useTempDir } from '../helpers/tmp.js';

// SQLite only: a store opened to read answers statements asked for together on a second connection, in a worker
// thread. PostgreSQL's pool gives each its own connection already.

const tempDir = useTempDir();

/** A migrated store holding one team, named so that two stores can be told apart by what they answer. */
function storeNamed(file: string, team: string): string {
  const path = join(tempDir(), file);
  const handle = openSqlite(path);
  handle.sqlite
    .prepare(`INSERT INTO teams (id, name, is_default, is_private, raw, first_seen_at, synced_at) VALUES ('t1', ?, 0, 0, '{}', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`)
    .run(team);
  handle.close();
  return path;
}

const TEAM_NAME = 'SELECT name FROM teams';

/** Runs `use` on a read store over a new store file holding team 'Payments', and closes it. */
async function withReadStore(use: (store: Store, path: string) => Promise<void>): Promise<void> {
  const path = storeNamed('spike.db', 'Payments');
  const store = await openStore({ kind: 'sqlite', path }, { mode: 'read' });
  try {
    await use(store, path);
  } finally {
    await store.close();
  }
}

describe('reads asked for together on a SQLite store', () => {
  it('go to the second connection only while the store’s own is busy, and as many to each', async () => {
    // The worker's connection reads another file than the local one, so each answer says which connection gave it.
    const local = openSqlite(storeNamed('local.db', 'local'), { mode: 'read' });
    const reader = readsTogether(local.sql, storeNamed('worker.db', 'worker'));
    try {
      const one = () => reader.all<{ name: string }>(TEAM_NAME).then((rows) => rows[0]!.name);
      expect([await one(), await one()]).toEqual(['local', 'local']);
      expect(await Promise.all([one(), one()])).toEqual(['local', 'worker']);
      expect(await Promise.all([one(), one(), one(), one()])).toEqual(['local', 'worker', 'local', 'worker']);
    } finally {
      await reader.close();
      local.close();
    }
  });

  it('answer through a read store exactly as the same statements one after the other', async () => {
    await withReadStore(async (store) => {
        const statements = [
          { sql: 'SELECT id, name, deleted_at, is_default FROM teams', params: {} },
          { sql: 'SELECT count(*) AS n, max(name) AS last FROM teams WHERE name <> @skip', params: { skip: 'Nope' } },
          { sql: 'SELECT @flag AS flag, @missing AS missing, 1.5 AS half', params: { flag: true, missing: undefined } },
        ];
        const alone = [];
        for (const s of statements) alone.push(await store.reader.all(s.sql, s.params));
        const together = await Promise.all(statements.map((s) => store.reader.all(s.sql, s.params)));
        expect(together).toEqual(alone);
        expect(together[2]).toEqual([{ flag: 1, missing: null, half: 1.5 }]);
    });
  });

  it('fail a bad statement on the second connection with a StoreError naming the store, and keep answering', async () => {
    await withReadStore(async (store, path) => {
        const [good, bad] = await Promise.allSettled([store.reader.all(TEAM_NAME), store.reader.all('SELECT * FROM no_such_table')]);
        expect(good).toEqual({ status: 'fulfilled', value: [{ name: 'Payments' }] });
        expect(bad.status).toBe('rejected');
        const err = (bad as PromiseRejectedResult).reason as StoreError;
        expect(err).toBeInstanceOf(StoreError);
        expect(err.message).toBe(`the store at ${path} failed: no such table: no_such_table`);
        expect(await Promise.all([store.reader.all(TEAM_NAME), store.reader.all(TEAM_NAME)])).toEqual([[{ name: 'Payments' }], [{ name: 'Payments' }]]);
    });
  });

  it('refuse to write on the second connection as on the first', async () => {
    await withReadStore(async (store) => {
        const write = "UPDATE teams SET name = 'x' RETURNING name";
        const outcomes = await Promise.allSettled([store.reader.all(write), store.reader.all(write)]);
        expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
        for (const o of outcomes) expect(String((o as PromiseRejectedResult).reason)).toMatch(/readonly/);
        expect(await store.reader.all(TEAM_NAME)).toEqual([{ name: 'Payments' }]);
    });
  });

  it('end with the store: statements asked for after it closed fail with a StoreError, whether or not the second connection had started', async () => {
    for (const startedBefore of [true, false]) {
      const store = await openStore({ kind: 'sqlite', path: storeNamed(`spike-${startedBefore}.db`, 'Payments') }, { mode: 'read' });
      if (startedBefore) await Promise.all([store.reader.all(TEAM_NAME), store.reader.all(TEAM_NAME)]);
      else await store.reader.all(TEAM_NAME);
      await store.close();
      const outcomes = await Promise.allSettled([store.reader.all(TEAM_NAME), store.reader.all(TEAM_NAME)]);
      for (const o of outcomes) {
        expect(o.status).toBe('rejected');
        expect((o as PromiseRejectedResult).reason).toBeInstanceOf(StoreError);
        expect(String((o as PromiseRejectedResult).reason)).toMatch(/closed/);
      }
    }
  });

  it('answer statements still running when the store closes before it closes', async () => {
    const store = await openStore({ kind: 'sqlite', path: storeNamed('spike.db', 'Payments') }, { mode: 'read' });
    const asked = [store.reader.all(TEAM_NAME), store.reader.all(TEAM_NAME)];
    await store.close();
    expect(await Promise.all(asked)).toEqual([[{ name: 'Payments' }], [{ name: 'Payments' }]]);
  });

  it('fail a statement the same way on either connection when it is not the store’s fault', async () => {
    await withReadStore(async (store) => {
      const alone = await store.reader.all('SELECT @missing AS x').then(
        () => new Error('expected the statement to fail'),
        (err: unknown) => err as Error,
      );
      const [, beside] = await Promise.allSettled([store.reader.all(TEAM_NAME), store.reader.all('SELECT @missing AS x')]);
      const err = (beside as PromiseRejectedResult).reason as Error;
      expect(alone).toBeInstanceOf(Error);
      expect(alone).not.toBeInstanceOf(StoreError);
      expect([err.name, err.message]).toEqual([alone.name, alone.message]);
    });
  });
});
