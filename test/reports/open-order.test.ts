import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOpenIncidents } from '../../src/reports/index.js';
import { openIncidentsStatement } from '../../src/reports/open-incidents.js';
import { describeEachStore } from '../helpers/stores.js';
import { BRAVO, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';

/*
 * `report open` lists the triggered and the acknowledged incidents in one order. Incidents triggered at the same instant
 * must still come by id, as the stores compare text (byte by byte), whatever their status; a limit cuts that list.
 * Team Bravo gets these besides the fixture's one open incident (B4, triggered 2026-08-15T23:00).
 */
const SAME = '2026-08-14T10:00:00.000Z';
const TIED: [id: string, status: 'NACK' | 'ACK'][] = [
  ['OT-b', 'NACK'],
  ['OT-a', 'ACK'],
  ['OT-é', 'ACK'],
  ['OT-c', 'NACK'],
  ['OT-𝄞', 'NACK'],
];

describeEachStore('open incidents in one order', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    const rows = TIED.map(([id, status]) => incidentRow({ id, teamId: BRAVO, counterId: id, title: 'tied', status, triggeredAt: SAME, acknowledgedAt: status === 'ACK' ? SAME : null }));
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(rows, '2026-08-20T00:00:00.000Z');
    });
  });
  afterAll(() => fixture.close());

  it('come by triggered_at, then by id byte by byte, and a limit cuts the list', async () => {
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

describe('open incidents on SQLite', () => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore('sqlite');
  });
  afterAll(() => fixture.close());

  it('are read in order from their index alone, without a sort', async () => {
    const { sql, params } = openIncidentsStatement(fixture.store.reader.dialect, { now: new Date('2026-08-20T12:00:00.000Z') });
    const plan = (await fixture.store.reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((step) => step.detail);
    expect(plan).toContain('SCAN i USING COVERING INDEX incidents_open_order_idx');
    expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
