import { afterAll, beforeAll, expect, it } from 'vitest';
import { StoreError, type Store } from '../../src/db/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { BRAVO, createFixtureStore, incidentRow, type FixtureStore } from '../reports/fixture.js';

/*
 * A report reads a long result in batches (SqlReader.batches): the rows of `all`, in order, a batch at a time, with the
 * statement's connection held until the caller is done. Each store is tried opened to write (SQLite: one connection,
 * every statement in turn) and opened to read (SQLite: a second connection on a worker thread).
 */

const IDS = Array.from({ length: 7 }, (_, i) => `RB-${i}`);
const BY_TEAM = 'SELECT id FROM incidents WHERE team_id = @team AND id LIKE @prefix ORDER BY id';
const PARAMS = { team: BRAVO, prefix: 'RB-%' };

async function collect(batches: AsyncIterable<{ id: string }[]>): Promise<string[][]> {
  const seen: string[][] = [];
  for await (const batch of batches) seen.push(batch.map((row) => row.id));
  return seen;
}

/** Fails the test instead of hanging it when a connection was never given back. */
function soon<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} never answered`)), 5000))]);
}

describeEachStore('a statement read in batches', (kind) => {
  let fixture: FixtureStore;
  let reading: Store;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    const rows = IDS.map((id) => incidentRow({ id, teamId: BRAVO, title: id, status: 'RES', triggeredAt: '2026-08-10T10:00:00.000Z' }));
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(rows, '2026-08-20T00:00:00.000Z');
    });
    reading = await fixture.target.open('read');
  });
  afterAll(async () => {
    await reading?.close();
    await fixture.close();
  });

  const opened = (mode: 'write' | 'read') => (mode === 'write' ? fixture.store : reading);

  it.each(['write', 'read'] as const)('gives the rows of the whole statement, in order, in batches of the size asked (store opened to %s)', async (mode) => {
    const reader = opened(mode).reader;
    expect(await collect(reader.batches(BY_TEAM, PARAMS, 3))).toEqual([IDS.slice(0, 3), IDS.slice(3, 6), IDS.slice(6)]);
    expect((await collect(reader.batches(BY_TEAM, PARAMS))).flat()).toEqual((await reader.all<{ id: string }>(BY_TEAM, PARAMS)).map((r) => r.id));
    expect(await collect(reader.batches(BY_TEAM, { team: BRAVO, prefix: 'none-%' }, 3))).toEqual([]);
  });

  it.each(['write', 'read'] as const)('gives the connection back when the caller stops early, and serves a statement asked for meanwhile (store opened to %s)', async (mode) => {
    const reader = opened(mode).reader;
    // More early stops than PostgreSQL's pool has connections for reports: one kept would make the last wait forever.
    for (let i = 0; i < 6; i++) {
      for await (const batch of reader.batches<{ id: string }>(BY_TEAM, PARAMS, 2)) {
        expect(batch.map((row) => row.id)).toEqual(IDS.slice(0, 2));
        break;
      }
    }
    const seen: string[] = [];
    let asked: Promise<{ id: string }[]> | undefined;
    for await (const batch of reader.batches<{ id: string }>(BY_TEAM, PARAMS, 2)) {
      // Not awaited here: on a store with one connection it waits until this reading ends.
      asked ??= reader.all<{ id: string }>(BY_TEAM, PARAMS);
      seen.push(...batch.map((row) => row.id));
    }
    expect(seen).toEqual(IDS);
    expect((await soon(asked!, 'the statement asked for during the reading')).map((r) => r.id)).toEqual(IDS);
    expect(await soon(reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM teams'), 'a statement after the readings')).toEqual([{ n: 4 }]);
  });

  it('answers statements awaited during the reading on a store opened to read', async () => {
    const seen: string[] = [];
    for await (const batch of reading.reader.batches<{ id: string }>(BY_TEAM, PARAMS, 3)) {
      // Two at once: on SQLite the second would otherwise queue behind the reading on the store's own connection.
      const answers = await soon(Promise.all([reading.reader.all<{ id: string }>(BY_TEAM, PARAMS), reading.reader.all<{ id: string }>(BY_TEAM, PARAMS)]), 'statements awaited during the reading');
      for (const rows of answers) expect(rows.map((r) => r.id)).toEqual(IDS);
      seen.push(...batch.map((row) => row.id));
    }
    expect(seen).toEqual(IDS);
  });

  it('names the store when the statement fails, and gives the connection back', async () => {
    const reader = fixture.store.reader;
    const failing = collect(reader.batches('SELECT id FROM no_such_table'));
    await expect(failing).rejects.toBeInstanceOf(StoreError);
    await expect(failing).rejects.toThrow(/no_such_table/);
    expect(await soon(reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM teams'), 'a statement after the failure')).toEqual([{ n: 4 }]);
  });

  // PostgreSQL reads through a cursor, which it would plan for a first tenth: `report open` over a million incidents
  // then took 7-8 s instead of 2.4 s.
  if (kind === 'postgres') {
    it('plans the statement for its whole result, as a report reads it all', async () => {
      const [setting] = await collect(fixture.store.reader.batches("SELECT current_setting('cursor_tuple_fraction') AS id"));
      expect(setting).toEqual(['1']);
    });
  }

  it('fails, saying the store is closed, once it is', async () => {
    for (const mode of ['write', 'read'] as const) {
      const closed = await fixture.target.open(mode);
      await closed.close();
      await expect(collect(closed.reader.batches(BY_TEAM, PARAMS))).rejects.toThrow(StoreError);
      await expect(collect(closed.reader.batches(BY_TEAM, PARAMS))).rejects.toThrow(/is closed/);
      await expect(closed.reader.all(BY_TEAM, PARAMS)).rejects.toThrow(/is closed/);
    }
  });

  it('refuses a batch size that is not a whole number of rows', async () => {
    await expect(collect(fixture.store.reader.batches(BY_TEAM, PARAMS, 0))).rejects.toThrow(/whole number of rows/);
    await expect(collect(fixture.store.reader.batches(BY_TEAM, PARAMS, 2.5))).rejects.toThrow(/whole number of rows/);
  });
});
