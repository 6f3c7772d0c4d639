import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore, openSqlite } from '../../src/db/sqlite/index.js';
import { useTempDir } from '../helpers/tmp.js';

const tempDir = useTempDir();

function team(id: string, name: string) {
  return { id, name, uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: JSON.stringify({ _id: id, name }) };
}

describe('entity writer', () => {
  it('inserts, skips identical rows, updates changed ones and revives deleted ones', async () => {
    const handle = openSqlite(join(tempDir(), 's.db'));
    const store = createSqliteStore(handle);
    const t0 = '2026-01-01T00:00:00.000Z';
    expect(await store.transaction((tx) => tx.writer('teams').upsert([team('a', 'A'), team('b', 'B')], t0))).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    // SQLite only: total_changes() proves an identical row costs no write at all.
    const changesBefore = handle.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number };
    expect(await store.transaction((tx) => tx.writer('teams').upsert([team('a', 'A'), team('b', 'B')], '2026-01-02T00:00:00.000Z'))).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect((handle.sqlite.prepare('SELECT total_changes() AS n').get() as { n: number }).n).toBe(changesBefore.n);
    expect(await store.transaction((tx) => tx.writer('teams').upsert([team('a', 'A2')], '2026-01-03T00:00:00.000Z'))).toEqual({ inserted: 0, updated: 1, unchanged: 0 });

    const deleted = await store.transaction((tx) => tx.writer('teams').markMissing(null, new Set(['a']), '2026-01-04T00:00:00.000Z', { force: false }));
    expect(deleted).toEqual({ deleted: 1, withheld: 0 });
    expect(await store.transaction((tx) => tx.writer('teams').upsert([team('b', 'B')], '2026-01-05T00:00:00.000Z'))).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const rows = await store.reader.all('SELECT id, name, first_seen_at, synced_at, deleted_at FROM teams ORDER BY id');
    expect(rows).toEqual([
      { id: 'a', name: 'A2', first_seen_at: t0, synced_at: '2026-01-03T00:00:00.000Z', deleted_at: null },
      { id: 'b', name: 'B', first_seen_at: t0, synced_at: '2026-01-05T00:00:00.000Z', deleted_at: null },
    ]);
    await store.close();
  });

  it('withholds a deletion of more than half the rows unless forced', async () => {
    const store = createSqliteStore(openSqlite(join(tempDir(), 's.db')));
    const now = '2026-01-01T00:00:00.000Z';
    await store.transaction((tx) => tx.writer('teams').upsert([team('a', 'A'), team('b', 'B'), team('c', 'C')], now));
    expect(await store.writer('teams').markMissing(null, new Set(['a']), now, { force: false })).toEqual({ deleted: 0, withheld: 2 });
    expect(await store.writer('teams').markMissing(null, new Set(), now, { force: false })).toEqual({ deleted: 0, withheld: 3 });
    expect(await store.writer('teams').markMissing(null, new Set(['a']), now, { force: true })).toEqual({ deleted: 2, withheld: 0 });
    await store.close();
  });
});
