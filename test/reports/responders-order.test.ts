import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportResponders } from '../../src/reports/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { ALPHA, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';
import { writeResponders } from './oncall-fixture.js';

/*
 * `responders` joins and orders the rows of its two statements itself. Past the counts, people come by name, in the
 * stores' byte order of UTF-8 (not JavaScript's UTF-16 order, which puts '𝄞' before 'ｚ'), unnamed last, then by id.
 * Every person here resolved one incident and did nothing else, so only the names and ids order them.
 */
const DAY = { since: new Date('2026-10-01T00:00:00.000Z'), until: new Date('2026-10-02T00:00:00.000Z') };
const PEOPLE: [id: string, name: string | null][] = [
  ['p1', 'ｚ wide'],
  ['p2', '𝄞 bot'],
  ['p3', 'Zoë'],
  ['p4', 'Zoe'],
  ['p5', 'zoe'],
  ['p6', 'Émile'],
  ['p8', 'Sam'],
  ['p7', 'Sam'],
  ['p9', null],
];

describeEachStore('responders in the stores’ text order', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    await fixture.store.transaction(async (tx) => {
      const named = PEOPLE.filter((p): p is [string, string] => p[1] !== null);
      await tx.writer('users').upsert(
        named.map(([id, name]) => ({ id, firstName: name, lastName: null, name, email: null, role: null, timezone: null, removed: false, createdAt: null, updatedAt: null, raw: '{}' })),
        '2026-10-03T00:00:00.000Z',
      );
      await tx.writer('incidents').upsert(
        PEOPLE.map(([id], n) =>
          incidentRow({ id: `R${id}`, teamId: ALPHA, title: 'resolved', status: 'RES', triggeredAt: `2026-10-01T0${n}:00:00.000Z`, resolvedAt: `2026-10-01T0${n}:30:00.000Z` }),
        ),
        '2026-10-03T00:00:00.000Z',
      );
    });
    await writeResponders(fixture.target, Object.fromEntries(PEOPLE.map(([id]) => [`R${id}`, { res: id }])));
  });
  afterAll(() => fixture.close());

  it('order people by name byte by byte, unnamed last, then by id', async () => {
    const rows = await reportResponders(fixture.store.reader, DAY);
    expect(rows.map((r) => [r.user_id, r.user_name])).toEqual([
      ['p7', 'Sam'],
      ['p8', 'Sam'],
      ['p4', 'Zoe'],
      ['p3', 'Zoë'],
      ['p5', 'zoe'],
      ['p6', 'Émile'],
      ['p1', 'ｚ wide'],
      ['p2', '𝄞 bot'],
      ['p9', null],
    ]);
    expect(rows.every((r) => r.resolved === 1 && r.acknowledged === 0)).toBe(true);
  });
});
