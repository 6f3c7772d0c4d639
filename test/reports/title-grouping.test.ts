import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlReader } from '../../src/db/index.js';
import type { IncidentRow, ServiceRow } from '../../src/db/store.js';
import { createRng } from '../../src/demo/rng.js';
import { findNoisyIncidents, reportServices } from '../../src/reports/index.js';
import { readsInIndexOrder } from '../../src/reports/wide-window.js';
import { describeEachStore } from '../helpers/stores.js';
import { ALPHA, BRAVO, CHARLIE, DELTA, createFixtureStore, incidentRow, type FixtureStore } from './fixture.js';

/*
 * The reports that group by title (noisy, services) count titles by their key in the report index. Checked here
 * against a count of the titles themselves, worked out in JavaScript, over incidents drawn so that the orderings are
 * put to work: titles that differ by one space, one letter's case or accent, one of 2,000 characters, the empty
 * title; few distinct instants, so counts and last instants tie across the limit; one service named by incidents of
 * several teams; and a deleted team whose incidents must count nowhere. The week drawn lies outside the fixture's.
 */
const SINCE = new Date('2026-06-01T00:00:00.000Z');
const UNTIL = new Date('2026-06-08T00:00:00.000Z');
/*
 * The same incidents in a window that holds more than a quarter of the store's history (June to the fixture's August):
 * on SQLite, the counts then read every incident through incidents_title_count_idx in its order, and in the week each
 * team's range of it. Both must give the same rows.
 */
const WINDOWS = [
  { name: 'the week', since: SINCE, until: UNTIL, inIndexOrder: false },
  { name: 'the weeks around it', since: new Date('2026-05-25T00:00:00.000Z'), until: new Date('2026-07-01T00:00:00.000Z'), inIndexOrder: true },
];
const TITLES = ['Disk full', 'Disk full ', 'disk full', 'Dísk full', 'é'.repeat(2000), 'é'.repeat(1999) + 'e', '', 'CPU high', '𝄞 alert'];
const TEAMS: Record<string, string> = { [ALPHA]: 'Alpha', [BRAVO]: 'Bravo', [CHARLIE]: 'Charlie', [DELTA]: 'Delta' };
const SERVICES = [
  { id: 'svc-t-api', name: 'Title API', teamId: ALPHA },
  { id: 'svc-t-db', name: 'Title DB', teamId: BRAVO },
  { id: 'svc-t-quiet', name: 'Title quiet', teamId: CHARLIE },
  { id: 'svc-t-tie', name: 'Title tie', teamId: CHARLIE },
  { id: 'svc-t-twin-1', name: 'Title twin', teamId: ALPHA },
  { id: 'svc-t-twin-2', name: 'Title twin', teamId: ALPHA },
  { id: 'svc-t-renamed', name: 'New name', teamId: BRAVO },
];
const COUNT = 400;

/** Two titles of one service, twice each at the same two instants from two teams: the first by text leads. */
function tiedIncidents(): IncidentRow[] {
  const at = ['2026-06-02T00:00:00.000Z', '2026-06-03T00:00:00.000Z'];
  return ['Zeta tie', 'Alpha tie'].flatMap((title, t) =>
    at.map((triggeredAt, n) =>
      incidentRow({ id: `TT${t}${n}`, teamId: n === 0 ? BRAVO : CHARLIE, title, status: 'NACK', triggeredAt, serviceId: 'svc-t-tie', serviceName: 'Title tie' }),
    ),
  );
}

/**
 * Where the first count's groups are finer than a report's: two services of one team with one name (noisy counts them
 * as one), a service renamed between incidents (services counts both names as one), and a service name without an id.
 * Counted apart, the twins' title would not lead noisy, nor 'Renamed A' its service.
 */
function renamedIncidents(): IncidentRow[] {
  const at = (day: number, hour: number) => new Date(SINCE.getTime() + day * 86_400_000 + hour * 3_600_000).toISOString();
  const row = (id: string, teamId: string, title: string, triggeredAt: string, serviceId: string | null, serviceName: string) =>
    incidentRow({ id, teamId, title, status: 'NACK', triggeredAt, serviceId, serviceName });
  return [
    ...Array.from({ length: 24 }, (_, n) => row(`TW${n}`, ALPHA, 'Twin alert', at(n % 6, n), n % 2 === 0 ? 'svc-t-twin-1' : 'svc-t-twin-2', 'Title twin')),
    ...Array.from({ length: 6 }, (_, n) => row(`RA${n}`, BRAVO, 'Renamed A', at(1, n), 'svc-t-renamed', n < 3 ? 'Old name' : 'New name')),
    ...Array.from({ length: 5 }, (_, n) => row(`RB${n}`, BRAVO, 'Renamed B', at(2, n), 'svc-t-renamed', 'New name')),
    ...Array.from({ length: 3 }, (_, n) => row(`LN${n}`, CHARLIE, 'Loose alert', at(3, n), null, 'Loose name')),
  ];
}

function drawIncidents(): IncidentRow[] {
  const rng = createRng(7);
  const drawn = Array.from({ length: COUNT }, (_, n) => {
    const service = rng.chance(0.2) ? null : rng.pick(SERVICES.slice(0, 2));
    // Twelve instants in the week: many incidents share their last instant.
    const triggered = new Date(SINCE.getTime() + rng.int(0, 11) * 12 * 3_600_000 + rng.int(0, 1) * 1).toISOString();
    return incidentRow({
      id: `T${n}`,
      teamId: rng.pick(Object.keys(TEAMS)),
      title: rng.pick(TITLES),
      status: 'NACK',
      triggeredAt: triggered,
      serviceId: service?.id ?? null,
      serviceName: service?.name ?? null,
    });
  });
  return [...drawn, ...tiedIncidents(), ...renamedIncidents()];
}

/** Text order as both stores compare it: byte by byte in UTF-8. */
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function expectedNoisy(incidents: IncidentRow[]) {
  const groups = new Map<string, { title: string; service_name: string | null; team_id: string; team_name: string; incidents: number; first_triggered_at: string; last_triggered_at: string }>();
  for (const i of incidents) {
    if (i.teamId === DELTA) continue;
    const key = JSON.stringify([i.teamId, i.serviceName, i.title]);
    const g = groups.get(key) ?? { title: i.title, service_name: i.serviceName, team_id: i.teamId, team_name: TEAMS[i.teamId]!, incidents: 0, first_triggered_at: i.triggeredAt, last_triggered_at: i.triggeredAt };
    g.incidents++;
    if (i.triggeredAt < g.first_triggered_at) g.first_triggered_at = i.triggeredAt;
    if (i.triggeredAt > g.last_triggered_at) g.last_triggered_at = i.triggeredAt;
    groups.set(key, g);
  }
  return [...groups.values()].sort(
    (a, b) => b.incidents - a.incidents || byBytes(b.last_triggered_at, a.last_triggered_at) || byBytes(a.title, b.title) || byBytes(a.team_name, b.team_name),
  );
}

/** Per service: the title triggered most often, then most recently, then first by text, over every live team's incidents. */
function expectedNoisiestTitles(incidents: IncidentRow[]): Map<string, string> {
  const counts = new Map<string, Map<string, { n: number; last: string }>>();
  for (const i of incidents) {
    if (i.teamId === DELTA || i.serviceId === null) continue;
    const titles = counts.get(i.serviceId) ?? new Map<string, { n: number; last: string }>();
    const t = titles.get(i.title) ?? { n: 0, last: i.triggeredAt };
    t.n++;
    if (i.triggeredAt > t.last) t.last = i.triggeredAt;
    titles.set(i.title, t);
    counts.set(i.serviceId, titles);
  }
  return new Map(
    [...counts].map(([service, titles]) => {
      const [first] = [...titles].sort(([ta, a], [tb, b]) => b.n - a.n || byBytes(b.last, a.last) || byBytes(ta, tb));
      return [service, first![0]];
    }),
  );
}

/** SQLite's query plans of the two statements that count titles: noisy's, and the noisiest titles of services. */
async function titleCountPlans(reader: SqlReader, window: { since: Date; until: Date }): Promise<string[]> {
  const counts: { sql: string; params: Record<string, unknown> }[] = [];
  const recording: SqlReader = {
    dialect: reader.dialect,
    all: (sql, params) => {
      if (sql.includes('SUM(incidents)')) counts.push({ sql, params: params ?? {} });
      return reader.all(sql, params);
    },
    batches: (sql, params, size) => reader.batches(sql, params, size),
  };
  await findNoisyIncidents(recording, window);
  await reportServices(recording, window);
  return Promise.all(counts.map(async ({ sql, params }) => (await reader.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)).map((step) => step.detail).join('\n')));
}

describeEachStore('reports that group by title', (kind) => {
  let fixture: FixtureStore;
  const incidents = drawIncidents();
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    const services: ServiceRow[] = SERVICES.map((s) => ({ ...s, counterId: null, description: null, createdAt: null, updatedAt: null, raw: '{}' }));
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(incidents, '2026-06-09T00:00:00.000Z');
      await tx.writer('services').upsert(services, '2026-06-09T00:00:00.000Z');
    });
  });
  afterAll(() => fixture.close());

  describe.each(WINDOWS)('over $name', ({ since, until, inIndexOrder }) => {
    it(`read ${inIndexOrder ? 'every incident in the order of the title index on SQLite' : "each team's range of the window"}`, async () => {
      const readInOrder = inIndexOrder && kind === 'sqlite';
      expect(await readsInIndexOrder(fixture.store.reader, ['incidents_title_count_idx'], { since, until })).toBe(readInOrder);
      if (kind !== 'sqlite') return;
      const plans = await titleCountPlans(fixture.store.reader, { since, until });
      expect(plans).toHaveLength(2);
      for (const plan of plans) expect(plan.includes('USING COVERING INDEX incidents_title_count_idx')).toBe(readInOrder);
    });

    it('count each title apart, however close two titles are, and order ties the same at every limit', async () => {
      const expected = expectedNoisy(incidents);
      expect(expected[0]).toMatchObject({ title: 'Twin alert', service_name: 'Title twin', incidents: 24 });
      expect(expected.find((g) => g.title === 'Loose alert')).toMatchObject({ service_name: 'Loose name', incidents: 3 });
      // The draw is only worth checking with ties at the places a limit cuts.
      const tiedAtCut = expected.filter((g, n) => n > 0 && g.incidents === expected[n - 1]!.incidents && g.last_triggered_at === expected[n - 1]!.last_triggered_at);
      expect(tiedAtCut.length).toBeGreaterThan(3);
      for (const limit of [1, 2, 3, 5, 8, 13, 21, 34, expected.length, expected.length + 5]) {
        expect(await findNoisyIncidents(fixture.store.reader, { since, until, limit })).toEqual(expected.slice(0, limit));
      }
      const some = [ALPHA, BRAVO];
      const ofSome = expectedNoisy(incidents.filter((i) => some.includes(i.teamId)));
      expect(await findNoisyIncidents(fixture.store.reader, { since, until, teams: some, limit: 10 })).toEqual(ofSome.slice(0, 10));
    });

    it('name each service its noisiest title, counted over the incidents of every live team', async () => {
      const rows = await reportServices(fixture.store.reader, { since, until });
      const noisiest = new Map(rows.filter((r) => r.service_id.startsWith('svc-t-')).map((r) => [r.service_id, r.noisiest_title]));
      const expected = expectedNoisiestTitles(incidents);
      expect(expected.get('svc-t-tie')).toBe('Alpha tie');
      expect(expected.get('svc-t-renamed')).toBe('Renamed A');
      expect(noisiest).toEqual(new Map([...expected, ['svc-t-quiet', null]]));
    });
  });
});
