import { afterAll, beforeAll, expect, it } from 'vitest';
import { listOpenIncidents } from '../../src/reports/index.js';
import { describeEachStore } from '../helpers/stores.js';
import { BRAVO, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';

/*
 * `report open` reads the triggered and the acknowledged incidents apart and merges the two lists. Incidents triggered
 * at the same instant must still come by id, as the stores compare text, whichever list each is in; a limit cuts the
 * merged list. Team Bravo gets these besides the fixture's one open incident (B4, triggered 2026-08-15T23:00).
 */
const SAME = '2026-08-14T10:00:00.000Z';
const TIED: [id: string, status: 'NACK' | 'ACK'][] = [
  ['OT-b', 'NACK'],
  ['OT-a', 'ACK'],
  ['OT-é', 'ACK'],
  ['OT-c', 'NACK'],
  ['OT-𝄞', 'NACK'],
];

describeEachStore('open incidents in one order across both lists', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    const rows = TIED.map(([id, status]) => incidentRow({ id, teamId: BRAVO, counterId: id, title: 'tied', status, triggeredAt: SAME, acknowledgedAt: status === 'ACK' ? SAME : null }));
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(rows, '2026-08-20T00:00:00.000Z');
    });
  });
  afterAll(() => fixture.close());

  it('come by triggered_at, then by id byte by byte, and a limit cuts the merged list', async () => {
    const now = new Date('2026-08-20T12:00:00.000Z');
    const listed = await listOpenIncidents(fixture.store.reader, { now, teams: [BRAVO] });
    expect(listed.map((r) => [r.counter_id, r.status_word])).toEqual([
      ['OT-a', 'acknowledged'],
      ['OT-b', 'triggered'],
      ['OT-c', 'triggered'],
      ['OT-é', 'acknowledged'],
      ['OT-𝄞', 'triggered'],
      ['#B4', 'triggered'],
    ]);
    expect(Object.keys(listed[0]!)).toEqual(['team_id', 'team_name', 'counter_id', 'title', 'status_word', 'priority', 'severity', 'triggered_at', 'age_seconds']);
    const limited = await listOpenIncidents(fixture.store.reader, { now, teams: [BRAVO], limit: 3 });
    expect(limited).toEqual(listed.slice(0, 3));
  });
});
