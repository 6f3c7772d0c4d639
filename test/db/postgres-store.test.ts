import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore, postgresStore, StoreDataError, StoreError, type EntityRow, type Store } from '../../src/db/index.js';
import { createPgEntityWriter } from '../../src/db/postgres/entity-writer.js';
import type { PgQueryable } from '../../src/db/postgres/executor.js';
import * as pgSchema from '../../src/db/postgres/schema.js';
import { runCaptured } from '../helpers/cli-io.js';
import { API_KEY } from '../helpers/harness.js';
import { generateOrg } from '../../src/demo/generator.js';
import { startSimServer } from '../../src/demo/server.js';
import { TEST_DATABASE_URL, adminQuery, dropSchema, freshSchemaName } from '../helpers/postgres.js';
import { postgresUnderTest } from '../helpers/stores.js';
import { incidentRow } from '../reports/fixture.js';

// PostgreSQL only: how its store is reached, migrated and written, beside the suites that run on every store.

const schemas: string[] = [];
const opened: Store[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await dropSchema(schema);
});

function freshConfig(url = TEST_DATABASE_URL) {
  const schema = freshSchemaName();
  schemas.push(schema);
  return postgresStore(url, 'DATABASE_URL', schema);
}

async function open(config = freshConfig(), mode: 'read' | 'write' = 'write'): Promise<Store> {
  const store = await openStore(config, { mode });
  opened.push(store);
  return store;
}

/** The test server's URL with another user, password, port or database. */
function variant(change: (url: URL) => void): string {
  const url = new URL(TEST_DATABASE_URL);
  change(url);
  return url.toString();
}

// Nothing listens on port 9: a command that sent a request to Spike would fail with a network error instead.
const cli = (args: string[], env: Record<string, string>) => runCaptured(args, { SPIKE_API_KEY: API_KEY, SPIKE_API_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent', ...env });

const NOW_AT = '2026-11-20T12:00:00.000Z';

/** What a SIGKILL or a network cut does to the sessions holding this schema's claims, from the server's side. */
async function terminateClaimHolders(schema: string): Promise<number> {
  // Only this schema's claims: other test files run beside this one on the same server.
  const key = `(CAST(hashtext('spike-sync:${schema}:claim') AS bigint) & 4294967295)::text::oid`;
  const killed = await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = ${key}`);
  return killed.rowCount ?? 0;
}

/** The first call that does not throw, within a few seconds: a dropped connection is noticed a moment later. */
async function eventually<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe.skipIf(!postgresUnderTest())('the PostgreSQL store', () => {
  describe('a database that cannot be used', () => {
    it.each([
      ['a refused connection', variant((u) => (u.port = '1')), /connection refused/],
      ['an unknown user', variant((u) => { u.username = 'no_such_user'; u.password = 'hunter2-secret'; }), /authentication failed|role "no_such_user" does not exist/],
      ['a missing database', variant((u) => (u.pathname = '/no_such_database')), /database "no_such_database" does not exist/],
    ])('%s: sync exits 1 with one line naming DATABASE_URL, the password masked, before any request', async (_label, url, reason) => {
      const result = await cli(['sync'], { DATABASE_URL: url });
      expect(result.code).toBe(1);
      const lines = result.err.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^spike-sync: cannot connect to the PostgreSQL store at postgres:\/\/.* \(DATABASE_URL\): /);
      expect(lines[0]).toMatch(reason);
      expect(result.err).not.toContain('hunter2-secret');
      expect(result.err).not.toMatch(/network|ECONNREFUSED 127\.0\.0\.1:9/);
    });

    it('names --database-url when the URL came from the command line', async () => {
      const result = await cli(['status', '--database-url', variant((u) => (u.port = '1'))], {});
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/\(--database-url\): connection refused/);
    });

    it('refuses a URL that is not PostgreSQL, naming the variable', async () => {
      const result = await cli(['sync'], { DATABASE_URL: 'mysql://root:hunter2-secret@127.0.0.1/x' });
      expect(result.code).toBe(1);
      expect(result.err.trim()).toBe('spike-sync: configuration error: DATABASE_URL: must be a postgres:// or postgresql:// URL, not "mysql:": mysql://root:***@127.0.0.1/x');
    });

    it('in read mode, refuses a schema spike-sync never wrote, and creates nothing', async () => {
      const config = freshConfig();
      await expect(openStore(config, { mode: 'read' })).rejects.toThrow(StoreError);
      await expect(openStore(config, { mode: 'read' })).rejects.toThrow(/^no store at postgres:\/\/.*\(schema t_\w+\): nothing has been synced there yet/);
      const found = await adminQuery(`SELECT 1 FROM information_schema.schemata WHERE schema_name = '${config.schema}'`);
      expect(found.rowCount).toBe(0);
    });
  });

  describe('commands that name the store', () => {
    it('migrate --database-url creates the schema, and status --database-url reads it', async () => {
      const config = freshConfig();
      const migrated = await cli(['migrate', '--database-url', TEST_DATABASE_URL], { SPIKE_DB_SCHEMA: config.schema });
      expect(migrated.code).toBe(0);
      expect(migrated.err).toBe(`spike-sync: store at ${TEST_DATABASE_URL.replace(/\/$/, '')} (schema ${config.schema}) is up to date\n`);
      const status = await cli(['status', '--format', 'json', '--database-url', TEST_DATABASE_URL], { SPIKE_DB_SCHEMA: config.schema });
      expect(status.code).toBe(0);
      expect(JSON.parse(status.out)).toEqual([]);
    });

    it('a store opened for reading cannot be written, whatever SQL reaches it', async () => {
      const config = freshConfig();
      await open(config);
      const reader = await open(config, 'read');
      await expect(reader.reader.all('CREATE TABLE scratch (a int)')).rejects.toThrow(/read-only transaction/);
      await expect(reader.ledger.startRun({ trigger: 'cli', full: false, now: '2026-11-20T12:00:00.000Z', pid: 1 })).rejects.toThrow(StoreError);
    });

    it('a store opened for reading runs statements asked for together at most four at once, the rest waiting without a timeout', async () => {
      const config = freshConfig();
      await open(config);
      const reader = await open(config, 'read');
      const marker = `together-${config.schema}`;
      const asked = Array.from({ length: 12 }, () => reader.reader.all(`SELECT pg_sleep(0.15) IS NULL AS slept, '${marker}' AS tag`));
      let most = 0;
      let settled = false;
      const all = Promise.all(asked).finally(() => (settled = true));
      while (!settled) {
        const [{ running }] = (await adminQuery(`SELECT count(*)::int AS running FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND query LIKE '%${marker}%'`)).rows as [{ running: number }];
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await all).map((rows) => rows.length)).toEqual(Array(12).fill(1));
      // The pool holds six connections: without the store's own queue, six would run.
      expect(most).toBeGreaterThanOrEqual(2);
      expect(most).toBeLessThanOrEqual(4);
    });

    it('a store opened for reading plans without parallel workers and sorts in memory up to 32 MB', async () => {
      const config = freshConfig();
      await open(config);
      const reader = await open(config, 'read');
      expect(await reader.reader.all('SHOW max_parallel_workers_per_gather')).toEqual([{ max_parallel_workers_per_gather: '0' }]);
      expect(await reader.reader.all('SHOW work_mem')).toEqual([{ work_mem: '32MB' }]);
    });

    it('demo --database-url writes a generated organisation only into an empty store', async () => {
      const config = freshConfig();
      const args = ['demo', '--database-url', TEST_DATABASE_URL, '--teams', '2', '--incidents', '20'];
      // The demo ends by writing ./spike-report.html: into a folder of the test's own, not the repository.
      const startedIn = process.cwd();
      const dir = mkdtempSync(join(tmpdir(), 'spike-sync-demo-'));
      process.chdir(dir);
      const first = await cli(args, { SPIKE_DB_SCHEMA: config.schema }).finally(() => {
        process.chdir(startedIn);
        rmSync(dir, { recursive: true, force: true });
      });
      expect(first.code).toBe(0);
      expect(first.out).toContain(`store ${TEST_DATABASE_URL.replace(/\/$/, '')} (schema ${config.schema})`);
      const again = await cli(args, { SPIKE_DB_SCHEMA: config.schema });
      expect(again.code).toBe(1);
      expect(again.err).toMatch(/already holds data; the demo writes a fresh store/);
    });

    it('never shows the database password: not in logs at trace level, output or the ledger', async () => {
      const config = freshConfig();
      const server = await startSimServer({ org: generateOrg({ seed: 8, teams: 2, incidentsPerTeam: [30, 5] }), apiKey: API_KEY });
      try {
        // Trust authentication accepts the password without asking for it; what matters is where it travels.
        const url = variant((u) => (u.password = 'hunter2-db-secret'));
        const env = { DATABASE_URL: `${url}?password=hunter2-db-secret`, SPIKE_DB_SCHEMA: config.schema, SPIKE_API_URL: server.url, LOG_LEVEL: 'trace', SPIKE_MAX_RPS: '0' };
        const synced = await cli(['sync'], env);
        expect(synced.code).toBe(0);
        const status = await cli(['status', '--format', 'json'], env);
        const failed = await cli(['sync'], { ...env, DATABASE_URL: `${variant((u) => { u.password = 'hunter2-db-secret'; u.port = '1'; })}` });
        expect(failed.code).toBe(1);
        const ledger = JSON.stringify(await (await open(config, 'read')).reader.all('SELECT * FROM sync_runs r LEFT JOIN sync_run_streams s ON s.run_id = r.id'));
        for (const text of [synced.out, synced.err, status.out, status.err, failed.out, failed.err, ledger]) expect(text).not.toContain('hunter2');
        expect(synced.err).toMatch(/"level":10|"level":20/);
      } finally {
        await server.close();
      }
    });

    it('--db and --database-url together are refused', async () => {
      const result = await cli(['status', '--db', 'x.db', '--database-url', TEST_DATABASE_URL], {});
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/option '--db <path>' cannot be used with option '--database-url <url>'/);
    });
  });

  describe('migrations', () => {
    it('run once when several processes open a new store at the same moment', async () => {
      const config = freshConfig();
      const stores = await Promise.all([1, 2, 3, 4].map(() => open(config)));
      expect(stores).toHaveLength(4);
      const applied = await stores[0]!.reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM __drizzle_migrations');
      const shipped = await adminQuery(`SELECT COUNT(*)::int AS n FROM "${config.schema}".__drizzle_migrations`);
      expect(applied[0]?.n).toBe(shipped.rows[0].n);
      expect(applied[0]?.n).toBeGreaterThanOrEqual(2);
    });

    it('put every table and view in SPIKE_DB_SCHEMA, and nothing anywhere else', async () => {
      const config = freshConfig();
      const before = await adminQuery(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT LIKE 't\\_%' ORDER BY 1, 2`);
      await open(config);
      const inSchema = await adminQuery(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${config.schema}' ORDER BY table_name`);
      expect(inSchema.rows.map((r) => r.table_name)).toEqual([
        '__drizzle_migrations', 'escalation_policies', 'escalation_policy_targets', 'incident_activity_reads', 'incident_event_facts', 'incident_events',
        'incident_facts',
        'incidents', 'integrations', 'oncall_overrides', 'oncall_schedule_teams', 'oncall_schedules', 'oncall_shift_facts', 'oncall_shifts', 'services',
        'sync_freshness',
        'sync_run_streams', 'sync_runs', 'sync_state', 'team_daily_incidents', 'team_members', 'teams', 'users',
      ]);
      const after = await adminQuery(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema NOT LIKE 't\\_%' ORDER BY 1, 2`);
      expect(after.rows).toEqual(before.rows);
    });
  });

  describe('writes', () => {
    const NOW = '2026-11-20T12:00:00.000Z';
    const LATER = '2026-11-20T12:15:00.000Z';
    const base = { teamId: 'aaaaaaaaaaaaaaaaaaaaaaaa', title: 'CPU high', status: 'NACK', triggeredAt: '2026-11-20T11:00:00.000Z' };

    it('count new, changed, unchanged and revived rows exactly, writing nothing for an unchanged row', async () => {
      const store = await open();
      const writer = store.writer('incidents');
      const rows = [1, 2, 3].map((n) => incidentRow({ ...base, id: `i${n}`, raw: JSON.stringify({ n }) }));
      expect(await writer.upsert(rows, NOW)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
      expect(await writer.upsert(rows, LATER)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
      expect(await store.reader.all('SELECT DISTINCT synced_at FROM incidents')).toEqual([{ synced_at: NOW }]);

      const changed = [{ ...rows[0]!, status: 'ACK', acknowledgedAt: '2026-11-20T11:05:00.000Z' }, rows[1]!, rows[2]!];
      expect(await writer.upsert(changed, LATER)).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
      expect(await writer.markMissing(null, new Set(['i1', 'i2']), LATER, { force: true })).toEqual({ deleted: 1, withheld: 0 });
      expect(await writer.upsert(changed, LATER)).toEqual({ inserted: 0, updated: 1, unchanged: 2 });
      expect(await store.reader.all('SELECT id, deleted_at, first_seen_at FROM incidents ORDER BY id')).toEqual([
        { id: 'i1', deleted_at: null, first_seen_at: NOW },
        { id: 'i2', deleted_at: null, first_seen_at: NOW },
        { id: 'i3', deleted_at: null, first_seen_at: NOW },
      ]);
    });

    it('send more rows than a page as several statements of at most a page each, with exact counts', async () => {
      const config = freshConfig();
      await open(config);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`SET search_path TO "${config.schema}"`);
        // The driver's own client, recording what it is asked to run; the statements still reach the server.
        const sent: string[] = [];
        const recording: PgQueryable = {
          query: (text, values) => {
            if (typeof text !== 'string' && text.name) sent.push(text.name);
            return client.query(text, values);
          },
        };
        const writer = createPgEntityWriter<EntityRow<'incidents'>>(pgSchema.incidents);
        const rows = Array.from({ length: 250 }, (_, n) => incidentRow({ ...base, id: `i${String(n).padStart(3, '0')}` }));
        expect(await writer.upsert(recording, rows, NOW)).toEqual({ inserted: 250, updated: 0, unchanged: 0 });
        expect(sent).toEqual(['spike_upsert_incidents_100', 'spike_upsert_incidents_100', 'spike_upsert_incidents_50']);
        const changed = rows.map((row, n) => (n % 3 === 0 ? { ...row, status: 'ACK', acknowledgedAt: '2026-11-20T11:05:00.000Z' } : row));
        expect(await writer.upsert(recording, changed, LATER)).toEqual({ inserted: 0, updated: 84, unchanged: 166 });
        const { rows: stored } = await client.query<{ status: string; n: string }>('SELECT status, COUNT(*) AS n FROM incidents GROUP BY status ORDER BY status');
        expect(stored).toEqual([{ status: 'ACK', n: '84' }, { status: 'NACK', n: '166' }]);
      } finally {
        await client.end();
      }
    });

    it('store a NUL character, which PostgreSQL refuses in text, as U+FFFD in the column and in raw', async () => {
      const store = await open();
      const title = 'disk\u0000full';
      await store.writer('incidents').upsert([incidentRow({ ...base, id: 'nul', title, raw: JSON.stringify({ message: title, note: 'a literal \\u0000 stays' }) })], NOW);
      const row = await store.reader.all<{ title: string; raw: string }>('SELECT title, raw FROM incidents');
      expect(row[0]?.title).toBe('disk\uFFFDfull');
      expect(JSON.parse(row[0]!.raw)).toEqual({ message: 'disk\uFFFDfull', note: 'a literal \\u0000 stays' });
    });

    it('store a title cut in the middle of an emoji (an unpaired surrogate), which jsonb refuses, with U+FFFD', async () => {
      const store = await open();
      const title = 'disk full \ud83d';
      expect(await store.writer('incidents').upsert([incidentRow({ ...base, id: 'cut', title, raw: JSON.stringify({ message: title }) })], NOW)).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
      const [row] = await store.reader.all<{ title: string; raw: string }>('SELECT title, raw FROM incidents');
      expect(row?.title).toBe('disk full \uFFFD');
      expect(JSON.parse(row!.raw)).toEqual({ message: 'disk full \uFFFD' });
    });

    it('read instants as ISO-8601 UTC whatever date style and time zone the connection was given', async () => {
      const config = freshConfig();
      await (await open(config)).writer('incidents').upsert([incidentRow({ ...base, id: 'style' })], NOW);
      const odd = postgresStore(`${TEST_DATABASE_URL}?options=${encodeURIComponent('-c DateStyle=SQL,DMY -c TimeZone=Asia/Kolkata')}`, 'DATABASE_URL', config.schema);
      const reader = await open(odd, 'read');
      expect(await reader.reader.all('SELECT triggered_at, synced_at FROM incidents')).toEqual([{ triggered_at: base.triggeredAt, synced_at: NOW }]);
    });

    it('roll a transaction back whole when one of its writes fails', async () => {
      const store = await open();
      const failing = store.transaction(async (tx) => {
        await tx.writer('incidents').upsert([incidentRow({ ...base, id: 'kept?' })], NOW);
        await tx.saveStreamState(base.teamId, 'incidents', { watermark: 'not a time' }, NOW);
      });
      // A value the store refuses fails the page, not the run: not a StoreError, which is fatal.
      await expect(failing).rejects.toThrow(StoreDataError);
      await expect(failing).rejects.toThrow(/^the store at postgres:.* refused a value: invalid input syntax for type timestamp/);
      expect(await store.reader.all('SELECT id FROM incidents')).toEqual([]);
    });
  });

  describe('several workers', () => {
    it('a claim is held by one process at a time, released, or freed when its process closes', async () => {
      const config = freshConfig();
      const [first, second] = [await open(config), await open(config)];
      const claim = await first.claim('team-a');
      expect(claim).not.toBeNull();
      expect(await second.claim('team-a')).toBeNull();
      expect(await second.claim('team-b')).not.toBeNull();
      await claim!.release();
      expect(await second.claim('team-a')).not.toBeNull();
      await second.close();
      opened.splice(opened.indexOf(second), 1);
      expect(await first.claim('team-a')).not.toBeNull();
    });

    it('a worker whose lock connection drops opens a new one and goes on claiming', async () => {
      const config = freshConfig();
      const [holder, other] = [await open(config), await open(config)];
      expect(await holder.claim('team-a')).not.toBeNull();
      await terminateClaimHolders(config.schema);
      // The server has dropped the holder's locks: another worker may take its team, and the holder goes on.
      expect(await other.claim('team-a', { wait: true, signal: AbortSignal.timeout(5000) })).not.toBeNull();
      const next = await eventually(() => holder.claim('team-b'));
      expect(next).not.toBeNull();
      await next!.release();
      const run = await eventually(() => holder.ledger.startRun({ trigger: 'cron', full: false, now: NOW_AT, pid: 1 }));
      expect(await holder.reader.all('SELECT id, status FROM sync_runs')).toEqual([{ id: run, status: 'running' }]);
    });

    it('a claim whose connection dies is freed without its process', async () => {
      const config = freshConfig();
      const [holder, other] = [await open(config), await open(config)];
      expect(await holder.claim('team-a')).not.toBeNull();
      // What a SIGKILL does to the holder's sessions, from the server's side.
      expect(await terminateClaimHolders(config.schema)).toBe(1);
      const taken = await other.claim('team-a', { wait: true, signal: AbortSignal.timeout(5000) });
      expect(taken).not.toBeNull();
    });

    it('closes only the runs whose process is gone', async () => {
      const config = freshConfig();
      const [live, dying, next] = [await open(config), await open(config), await open(config)];
      const at = '2026-11-20T12:00:00.000Z';
      const liveRun = await live.ledger.startRun({ trigger: 'cli', full: false, now: at, pid: 1 });
      const deadRun = await dying.ledger.startRun({ trigger: 'cli', full: false, now: at, pid: 2 });
      await dying.close();
      opened.splice(opened.indexOf(dying), 1);
      expect(await next.ledger.closeAbandonedRuns(at)).toBe(1);
      const runs = await next.reader.all<{ id: number; status: string }>('SELECT id, status FROM sync_runs ORDER BY id');
      expect(runs).toEqual([
        { id: liveRun, status: 'running' },
        { id: deadRun, status: 'interrupted' },
      ]);
    });
  });
});
