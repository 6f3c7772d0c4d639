// The store a bench run syncs into, and the bench's own reads of it (the run ledger, the changed rows,
// its size), straight through the driver so the figures do not depend on the code being measured.
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';

export interface Changes {
  changed: { id: string; status: string; priority: string | null }[];
  added: string[];
}

export interface LastRun {
  requests: number;
  seconds: number;
  /** Requests and seconds of the streams that are not incidents (on-call, catalogs, activity logs), summed. */
  other: { requests: number; seconds: number };
}

export interface BenchStore {
  /** Variables that point the CLI at this store. */
  readonly env: Record<string, string>;
  readonly where: string;
  /** The last run's requests and duration, from the store's own ledger. */
  lastRun(): Promise<LastRun>;
  /** Whether every changed incident has its new status and priority, and every added one is there. */
  checkChanges(changes: Changes): Promise<boolean>;
  sizeBytes(): Promise<number>;
  /** Removes the store unless `keep`. */
  close(keep: boolean): Promise<void>;
}

const LAST_RUN = 'SELECT id, requests, started_at AS s, finished_at AS f FROM sync_runs ORDER BY id DESC LIMIT 1';
// The streams issue by issue added beside the incidents: their time is shown on its own, so the incident
// throughput stays comparable with the bare pipeline, which reads incidents only.
const OTHER_STREAMS = `SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(duration_ms), 0) AS ms FROM sync_run_streams
  WHERE run_id = $1 AND stream IN ('oncall_shifts', 'oncall_overrides', 'services', 'integrations', 'escalation_policies', 'incident_events')`;

export function sqliteBenchStore(dbPath: string): BenchStore {
  const open = <T>(read: (db: Database.Database) => T): T => {
    const db = new Database(dbPath, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  return {
    // An empty DATABASE_URL counts as unset: a PostgreSQL URL in the caller's environment must not win.
    env: { SPIKE_DB_PATH: dbPath, DATABASE_URL: '' },
    where: dbPath,
    lastRun: async () =>
      open((db) => {
        const row = db.prepare(LAST_RUN).get() as { id: number; requests: number; s: string; f: string };
        const other = db.prepare(OTHER_STREAMS.replace('$1', '?')).get(row.id) as { requests: number; ms: number };
        return { requests: row.requests, seconds: (Date.parse(row.f) - Date.parse(row.s)) / 1000, other: { requests: other.requests, seconds: other.ms / 1000 } };
      }),
    checkChanges: async (changes) =>
      open((db) => {
        const get = db.prepare('SELECT status, priority FROM incidents WHERE id = ?');
        const changedOk = changes.changed.every((c) => {
          const row = get.get(c.id) as { status: string; priority: string | null } | undefined;
          return row?.status === c.status && row.priority === c.priority;
        });
        return changedOk && changes.added.every((id) => get.get(id) !== undefined);
      }),
    sizeBytes: async () => ['', '-wal'].map((s) => dbPath + s).filter(existsSync).reduce((n, f) => n + statSync(f).size, 0),
    close: async () => undefined,
  };
}

/** A client working in `schema`, which need not exist yet. */
export async function connectInSchema(url: string, schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'spike-sync-bench' });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  return client;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** A fresh schema in the database at `url`; the CLI creates it with its migrations on the first write. */
export async function postgresBenchStore(url: string, schema: string): Promise<BenchStore> {
  await dropSchema(url, schema);
  const client = await connectInSchema(url, schema);
  return {
    env: { DATABASE_URL: url, SPIKE_DB_SCHEMA: schema },
    where: `${maskPassword(url)} (schema ${schema})`,
    async lastRun() {
      const row = (await client.query<{ id: number; requests: number; s: Date; f: Date }>(LAST_RUN)).rows[0]!;
      const other = (await client.query<{ requests: string; ms: string }>(OTHER_STREAMS, [row.id])).rows[0]!;
      return { requests: row.requests, seconds: (row.f.getTime() - row.s.getTime()) / 1000, other: { requests: Number(other.requests), seconds: Number(other.ms) / 1000 } };
    },
    async checkChanges(changes) {
      const ids = [...changes.changed.map((c) => c.id), ...changes.added];
      const found = await client.query<{ id: string; status: string; priority: string | null }>('SELECT id, status, priority FROM incidents WHERE id = ANY($1::text[])', [ids]);
      const byId = new Map(found.rows.map((r) => [r.id, r]));
      const changedOk = changes.changed.every((c) => byId.get(c.id)?.status === c.status && byId.get(c.id)?.priority === c.priority);
      return changedOk && changes.added.every((id) => byId.has(id));
    },
    sizeBytes: () => schemaBytes(client, schema),
    async close(keep) {
      await client.end();
      if (!keep) await dropSchema(url, schema);
    },
  };
}

/** Tables with their indexes and TOAST, summed over the schema. */
export async function schemaBytes(client: pg.Client, schema: string): Promise<number> {
  const result = await client.query<{ bytes: string | null }>(
    `SELECT SUM(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'm')`,
    [schema],
  );
  return Number(result.rows[0]?.bytes ?? 0);
}

export function maskPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
