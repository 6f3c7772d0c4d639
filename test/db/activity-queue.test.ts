import { expect, it } from 'vitest';
import type { ActivityCursor, IncidentRow } from '../../src/db/index.js';
import { useFreshStore } from '../helpers/fresh-store.js';
import { describeEachStore } from '../helpers/stores.js';
import { incidentRow } from '../reports/fixture.js';

const TEAM = 'team-a';
const NOW = '2026-08-20T12:00:00.000Z';
const SINCE = '2026-08-01T00:00:00.000Z';

const freshStore = useFreshStore();

/**
 * Resolved incidents, five of them at one instant, so a batch ends among equal resolution times; one resolved before
 * the queue's start, one still open, one of another team, and one whose log was already read for this resolution.
 */
function incidents(): IncidentRow[] {
  const resolved = (id: string, resolvedAt: string, teamId = TEAM) =>
    incidentRow({ id, teamId, title: 'Disk full', status: 'RES', triggeredAt: '2026-07-30T00:00:00.000Z', resolvedAt, counterId: `#${id}` });
  return [
    resolved('i-07', '2026-08-02T00:00:00.000Z'),
    ...['i-05', 'i-01', 'i-04', 'i-02', 'i-03'].map((id) => resolved(id, '2026-08-03T00:00:00.000Z')),
    resolved('i-06', '2026-08-04T00:00:00.000Z'),
    resolved('i-read', '2026-08-05T00:00:00.000Z'),
    resolved('i-before', '2026-07-31T00:00:00.000Z'),
    resolved('i-other', '2026-08-03T00:00:00.000Z', 'team-b'),
    incidentRow({ id: 'i-open', teamId: TEAM, title: 'Disk full', status: 'ACK', triggeredAt: '2026-08-03T00:00:00.000Z' }),
  ];
}

describeEachStore('the activity-log queue', (kind) => {
  it('is walked once in (resolved_at, id) order, batches ending among equal resolution times', async () => {
    const store = await freshStore(kind);
    await store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(incidents(), NOW);
      await tx.markActivityRead({ incidentId: 'i-read', teamId: TEAM, resolvedAt: '2026-08-05T00:00:00.000Z' }, NOW);
    });
    const walked: string[] = [];
    let after: ActivityCursor = { resolvedAt: SINCE, id: '' };
    for (let batch = 0; batch < 10; batch++) {
      const pending = await store.listPendingActivity(TEAM, after, 2);
      if (pending.length === 0) break;
      walked.push(...pending.map((p) => p.id));
      const last = pending.at(-1)!;
      after = { resolvedAt: last.resolvedAt, id: last.id };
    }
    expect(walked).toEqual(['i-07', 'i-01', 'i-02', 'i-03', 'i-04', 'i-05', 'i-06']);
    expect(await store.countPendingActivity(TEAM, SINCE)).toBe(7);
  });
});
