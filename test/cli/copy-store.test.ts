import { afterEach, describe, expect, it } from 'vitest';
import { openStore, postgresStore, type Store } from '../../src/db/index.js';
import { runCaptured } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { TEST_DATABASE_URL, dropSchema, freshSchemaName } from '../helpers/postgres.js';
import { postgresUnderTest } from '../helpers/stores.js';

// Moving from SQLite to PostgreSQL: the rows, the ledger and the checkpoints travel, so no second backfill.

const startHarness = useHarness('sqlite');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const copy = (h: Harness, schema: string, extra: string[] = []) =>
  runCaptured(['copy-store', '--to', TEST_DATABASE_URL, ...extra], { SPIKE_DB_PATH: h.dbPath, SPIKE_DB_SCHEMA: schema, LOG_LEVEL: 'silent' });

async function postgresTarget(): Promise<{ schema: string; store: () => Promise<Store> }> {
  const schema = freshSchemaName();
  cleanups.push(() => dropSchema(schema));
  const config = postgresStore(TEST_DATABASE_URL, 'DATABASE_URL', schema);
  return {
    schema,
    store: async () => {
      const store = await openStore(config);
      cleanups.push(() => store.close());
      return store;
    },
  };
}

const TABLES: Record<string, string> = {
  teams: 'id, name, is_default, is_private, created_at, first_seen_at, synced_at, deleted_at',
  users: 'id, name, email, removed, first_seen_at, synced_at, deleted_at',
  team_members: 'id, team_id, user_id, first_seen_at, synced_at, deleted_at',
  incidents: 'id, team_id, counter_id, title, status, priority, severity, triggered_at, acknowledged_at, resolved_at, service_name, first_seen_at, synced_at, deleted_at',
  oncall_schedules: 'id, team_id, name, user_ids, layer_count, first_seen_at, synced_at, deleted_at',
  sync_state: 'team_id, stream, watermark, resume_page, last_full_at, last_success_at, updated_at',
  sync_runs: 'id, started_at, finished_at, trigger, status, "full", requests, teams_ok, teams_failed, pid, hostname, error',
  sync_run_streams: 'id, run_id, team_id, stream, status, started_at, finished_at, pages, requests, rows_inserted, rows_updated, rows_deleted, items_skipped, error',
};

async function sameRows(h: Harness, store: Store): Promise<void> {
  for (const [table, columns] of Object.entries(TABLES)) {
    const order = table === 'sync_state' ? 'team_id, stream' : 'id';
    const sql = `SELECT ${columns} FROM ${table} ORDER BY ${order}`;
    expect(await store.reader.all(sql), table).toEqual(await h.query(sql));
  }
  const raw = 'SELECT id, raw FROM incidents ORDER BY id';
  const parsed = (rows: Record<string, unknown>[]) => rows.map((r) => [r.id, JSON.parse(String(r.raw))]);
  expect(parsed(await store.reader.all(raw))).toEqual(parsed(await h.query(raw)));
}

describe.skipIf(!postgresUnderTest())('copy-store', () => {
  it('copies every table, deleted rows, the ledger and the checkpoints; the next sync there costs a no-change run', async () => {
    const h = await startHarness({ org: { teams: 3, incidentsPerTeam: [230, 120, 0] } });
    await h.sync();
    // Something soft-deleted must travel too: a member who left the organisation, and their memberships.
    const leaver = h.server.org.members.find((m) => m.removed !== true)!;
    h.server.org.members = h.server.org.members.filter((m) => m !== leaver);
    h.clock.advance(15 * 60_000);
    await h.sync();
    expect(await h.count('users', 'deleted_at IS NOT NULL')).toBe(1);
    expect(await h.count('team_members', 'deleted_at IS NOT NULL')).toBeGreaterThan(0);

    const target = await postgresTarget();
    const copied = await copy(h, target.schema);
    expect(copied.code).toBe(0);
    expect(copied.err).toMatch(/^copy-store: teams \d+\/\d+\n/);
    expect(copied.out).toMatch(/copied [\d,]+ rows from .*spike\.db to postgres:\/\/.*; row counts verified\n$/);
    const store = await target.store();
    await sameRows(h, store);

    // The same later run on each store: what it costs on SQLite, it costs on PostgreSQL.
    h.clock.advance(15 * 60_000);
    const from = h.server.requests.length;
    const onSqlite = await h.sync();
    const sqliteRequests = h.server.requests.length - from;
    const onPostgres = await h.sync({}, { store });
    expect(h.server.requests.length - from - sqliteRequests).toBe(sqliteRequests);
    expect(onPostgres.requests).toBe(onSqlite.requests);
    expect(onPostgres.status).toBe('ok');
    // A new run numbers on from the copied ledger.
    expect(onPostgres.runId).toBe(onSqlite.runId);
    await sameRows(h, store);
  });

  it('refuses a store that already holds data, unless --force', async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [20, 5] } });
    await h.sync();
    const target = await postgresTarget();
    expect((await copy(h, target.schema)).code).toBe(0);

    const again = await copy(h, target.schema);
    expect(again.code).toBe(1);
    expect(again.err.trim().split('\n')).toEqual([
      expect.stringMatching(/^spike-sync: the store at postgres:\/\/.* already holds data \(table teams\); copy-store fills an empty store: pass --force/),
    ]);
    // Something only the target holds: --force replaces it with the SQLite store's contents, exactly.
    const store = await target.store();
    await store.writer('teams').upsert([{ id: 'ffffffffffffffffffffffff', name: 'Only here', uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: '{}' }], '2026-11-20T12:00:00.000Z');
    await store.ledger.startRun({ trigger: 'cli', full: false, now: '2026-11-20T12:00:00.000Z', pid: 1 });
    const forced = await copy(h, target.schema, ['--force']);
    expect(forced.code).toBe(0);
    await sameRows(h, store);
  });

  it('reads only a SQLite store, and names what is missing', async () => {
    const result = await runCaptured(['copy-store', '--to', TEST_DATABASE_URL], { DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent' });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/copy-store reads a SQLite store: name it with --db or SPIKE_DB_PATH/);
  });
});
