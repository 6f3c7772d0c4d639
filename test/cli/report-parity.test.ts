import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand, type ReportOptions } from '../../src/cli/commands/report.js';
import { fixedClock } from '../../src/lib/clock.js';
import { captureIo } from '../helpers/cli-io.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postgresUnderTest } from '../helpers/stores.js';
import { deriveOncall, writeDerivedOncall } from '../reports/derived-oncall.js';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The same simulated organisation synced into each store: every report prints the same bytes from both.

// One folder for the whole file: the stores outlive each test.
const dir = mkdtempSync(join(tmpdir(), 'spike-sync-parity-'));
const NOW = new Date('2026-11-20T12:00:00.000Z');
const ORG = { seed: 11, teams: 5, incidentsPerTeam: [400, 260, 130, 45, 0] };
const harnesses: Partial<Record<'sqlite' | 'postgres', Harness>> = {};

const CASES: [string, ReportOptions][] = [
  ['summary', {}],
  ['summary', { since: '3650d' }],
  ['mtta-mttr', {}],
  ['mtta-mttr', { by: 'priority', since: '3650d' }],
  ['mtta-mttr', { by: 'severity', since: '3650d' }],
  ['mtta-mttr', { by: 'service', since: '3650d' }],
  ['volume', { since: '90d' }],
  ['volume', { by: 'week', since: '3650d' }],
  ['open', {}],
  ['noisy', { since: '3650d', limit: '50' }],
  ['team-overview', {}],
  ['services', {}],
  ['services', { since: '3650d' }],
  ['responders', {}],
  ['responders', { since: '3650d' }],
  ['oncall-load', {}],
  ['oncall-load', { since: '10d', until: '2d' }],
];

async function printed(h: Harness, name: string, options: ReportOptions): Promise<string> {
  const io = captureIo({ ...h.env, LOG_LEVEL: 'silent' });
  const code = await reportCommand(io, name, { ...options, format: 'json' }, fixedClock(NOW));
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  return io.out();
}

describe.skipIf(!postgresUnderTest())('reports on both stores', () => {
  beforeAll(async () => {
    for (const store of ['sqlite', 'postgres'] as const) {
      mkdirSync(join(dir, store));
      const h = await startHarness(join(dir, store), { store, org: ORG, now: NOW });
      harnesses[store] = h;
      await h.sync();
    }
    // Until the streams that fill them are part of every sync, both stores get the same rows derived from the sync.
    const derived = await deriveOncall(harnesses.sqlite!, NOW);
    for (const h of Object.values(harnesses)) await writeDerivedOncall(h, derived);
  }, 60_000);
  afterAll(async () => {
    for (const h of Object.values(harnesses)) await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(CASES)('%s %o prints byte-identical JSON', async (name, options) => {
    const fromSqlite = await printed(harnesses.sqlite!, name, options);
    const fromPostgres = await printed(harnesses.postgres!, name, options);
    expect(JSON.parse(fromSqlite)).not.toEqual([]);
    expect(fromPostgres).toBe(fromSqlite);
  });

  it('agrees on the views a BI tool reads', async () => {
    for (const sql of [
      'SELECT * FROM incident_facts ORDER BY id',
      'SELECT team_id, team_name, day, incidents, triggered, acknowledged, resolved, p1, sev1 FROM team_daily_incidents ORDER BY team_id, day',
      'SELECT team_id, team_name, last_success_at FROM sync_freshness ORDER BY team_id',
      'SELECT * FROM oncall_shift_facts ORDER BY id',
      'SELECT * FROM incident_event_facts ORDER BY id',
    ]) {
      expect(await harnesses.postgres!.query(sql), sql).toEqual(await harnesses.sqlite!.query(sql));
    }
  });
});
