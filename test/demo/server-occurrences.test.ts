import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrg } from '../../src/demo/generator.js';
import type { SimServer } from '../../src/demo/server.js';
import type { Json } from '../../src/demo/sim-org.js';
import { asJson, getJson, startServer, teamId } from './sim-helpers.js';

const WINDOW = 'start=2026-08-01T00:00:00.000Z&end=2026-11-20T12:00:00.000Z';

function inWindow(inc: Json): boolean {
  const t = String(inc['NACK_at']);
  return t >= '2026-08-01T00:00:00.000Z' && t <= '2026-11-20T12:00:00.000Z';
}

describe('simulated API: /incidents/all-occurrences', () => {
  let server: SimServer;
  beforeAll(async () => {
    server = await startServer({ org: generateOrg({ seed: 6, teams: 3, incidentsPerTeam: 200 }) });
  });
  afterAll(() => server.close());

  it('requires ISO start and end', async () => {
    for (const query of ['', '?start=2026-08-01', '?start=yesterday&end=2026-09-01', '?start=2026-08-01&end=12/01/2026']) {
      const res = await getJson(server, `/incidents/all-occurrences${query}`);
      expect(res.status).toBe(400);
      expect(asJson(res.body)['error']).toBe('BAD_REQUEST');
    }
  });

  it('needs only the key and covers every team in the window', async () => {
    const body = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}&perPage=100`)).body);
    const expected = server.org.incidents.filter(inWindow);
    expect(body['totalIncidents']).toBe(expected.length);
    expect(body['totalOpenIncidents']).toBe(expected.filter((i) => i['status'] !== 'RES').length);
    expect(body['pagination']).toEqual({ page: 1, perPage: 100, total: expected.length, totalPages: Math.ceil(expected.length / 100) });
    const list = body['incidents'] as Json[];
    const times = list.map((i) => String(i['NACK_at']));
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(list.map((i) => i['team'])).size).toBeGreaterThan(1);
  });

  it('defaults perPage to 25 and pages through all matches', async () => {
    const first = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}`)).body);
    const pagination = first['pagination'] as Json;
    expect(pagination['perPage']).toBe(25);
    const ids: unknown[] = [];
    for (let page = 1; page <= Number(pagination['totalPages']); page++) {
      const body = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}&page=${page}`)).body);
      ids.push(...(body['incidents'] as Json[]).map((i) => i['_id']));
    }
    expect(new Set(ids).size).toBe(first['totalIncidents']);
  });

  it('filters by teams, status, service and integration', async () => {
    const team = teamId(server.org, 1);
    const byTeam = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}&teams=${team}&status=ACK,NACK&perPage=100`)).body);
    const expected = server.org.incidents.filter((i) => inWindow(i) && i['team'] === team && i['status'] !== 'RES');
    expect(byTeam['totalIncidents']).toBe(expected.length);
    expect((byTeam['incidents'] as Json[]).every((i) => i['team'] === team && i['status'] !== 'RES')).toBe(true);

    const sample = server.org.incidents.find((i) => i['team'] === team && inWindow(i)) as Json;
    const serviceId = String((sample['service'] as Json)['_id']);
    const integrationId = String((sample['integration'] as Json)['_id']);
    const byService = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}&service=${serviceId}&perPage=100`)).body);
    expect(byService['totalIncidents']).toBe(server.org.incidents.filter((i) => inWindow(i) && (i['service'] as Json)['_id'] === serviceId).length);
    const byIntegration = asJson((await getJson(server, `/incidents/all-occurrences?${WINDOW}&integration=${integrationId}&perPage=100`)).body);
    expect((byIntegration['incidents'] as Json[]).every((i) => (i['integration'] as Json)['_id'] === integrationId)).toBe(true);
    expect(Number(byIntegration['totalIncidents'])).toBeGreaterThan(0);
  });
});
