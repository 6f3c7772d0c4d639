// The bare PostgreSQL pipeline the sync is measured against: fetch a page, JSON.parse, write it with one
// multi-row INSERT … ON CONFLICT … WHERE (…) IS DISTINCT FROM (…) in one transaction, strictly sequential.
// The table has the column types and indexes of the real incidents table (migrations/postgres/0000_init.sql).
// Run twice on the same table: the second pass finds every row already there and unchanged.
import pg from 'pg';
import { barePass } from './bare-pass.js';

const [url, apiKey, databaseUrl, schema, teamList] = process.argv.slice(2) as [string, string, string, string, string];
const client = new pg.Client({ connectionString: databaseUrl, application_name: 'spike-sync-bench-baseline' });
await client.connect();
await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
await client.query(`CREATE SCHEMA "${schema}"`);
await client.query(`SET search_path TO "${schema}"`);
await client.query(`CREATE TABLE incidents (id text COLLATE "C" PRIMARY KEY, team_id text COLLATE "C" NOT NULL, counter_id text COLLATE "C",
  title text COLLATE "C" NOT NULL, status text COLLATE "C" NOT NULL, priority text COLLATE "C", triggered_at timestamp(3) with time zone NOT NULL,
  acknowledged_at timestamp(3) with time zone, resolved_at timestamp(3) with time zone, raw jsonb NOT NULL, deleted_at timestamp(3) with time zone)`);
await client.query('CREATE INDEX incidents_triggered_idx ON incidents (triggered_at)');
await client.query('CREATE INDEX incidents_team_status_idx ON incidents (team_id, status)');
await client.query('CREATE INDEX incidents_team_facts_idx ON incidents (team_id, triggered_at, status, acknowledged_at, resolved_at, deleted_at)');

const WIDTH = 10;
const COMPARED = ['team_id', 'counter_id', 'title', 'status', 'priority', 'triggered_at', 'acknowledged_at', 'resolved_at', 'raw'];
const statements = new Map<number, string>();

/** One statement per page size, prepared once by name like a driver's statement cache would. */
function upsertText(rows: number): string {
  let text = statements.get(rows);
  if (text) return text;
  const tuples = Array.from({ length: rows }, (_, r) => `(${Array.from({ length: WIDTH }, (_, c) => `$${r * WIDTH + c + 1}`).join(', ')}, NULL)`);
  text = `INSERT INTO incidents AS stored (id, ${COMPARED.join(', ')}, deleted_at) VALUES ${tuples.join(', ')}
    ON CONFLICT (id) DO UPDATE SET ${COMPARED.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE (${COMPARED.map((c) => `stored.${c}`).join(', ')}) IS DISTINCT FROM (${COMPARED.map((c) => `excluded.${c}`).join(', ')})`;
  statements.set(rows, text);
  return text;
}

async function insertPage(teamId: string, items: Record<string, unknown>[]): Promise<void> {
  if (items.length === 0) return;
  const values: unknown[] = [];
  for (const i of items) {
    const grouped = i.groupedIncident as Record<string, unknown> | undefined;
    values.push(i._id, teamId, i.counterId, i.message, i.status, grouped?.priority ?? null, i.NACK_at, i.ACK_at ?? null, i.RES_at ?? null, JSON.stringify(i));
  }
  await client.query('BEGIN');
  await client.query({ name: `upsert_${items.length}`, text: upsertText(items.length), values });
  await client.query('COMMIT');
}

const pass = () => barePass(url, apiKey, teamList, insertPage);

try {
  const fresh = await pass();
  const unchanged = await pass();
  process.stdout.write(`${JSON.stringify({ fresh, unchanged })}\n`);
} finally {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
