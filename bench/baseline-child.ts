// The bare pipeline the sync is measured against: fetch a page, JSON.parse, insert each row with
// one prepared better-sqlite3 statement, one transaction per page, strictly sequential.
// Run twice on the same file: the second pass finds every row already there and unchanged.
import Database from 'better-sqlite3';
import { barePass } from './bare-pass.js';

const [url, apiKey, dbPath, teamList] = process.argv.slice(2) as [string, string, string, string];
const db = new Database(dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`CREATE TABLE IF NOT EXISTS incidents (id TEXT PRIMARY KEY, team_id TEXT NOT NULL, counter_id TEXT, title TEXT,
  status TEXT, triggered_at TEXT, acknowledged_at TEXT, resolved_at TEXT, raw TEXT NOT NULL)`);
const upsert = db.prepare(`INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, acknowledged_at = excluded.acknowledged_at,
  resolved_at = excluded.resolved_at, title = excluded.title, raw = excluded.raw WHERE incidents.raw IS NOT excluded.raw`);
const insertPage = db.transaction((teamId: string, items: Record<string, unknown>[]) => {
  for (const i of items) {
    upsert.run(i._id, teamId, i.counterId, i.message, i.status, i.NACK_at, i.ACK_at ?? null, i.RES_at ?? null, JSON.stringify(i));
  }
});

const pass = () => barePass(url, apiKey, teamList, insertPage);

const fresh = await pass();
const unchanged = await pass();
db.close();
process.stdout.write(`${JSON.stringify({ fresh, unchanged })}\n`);
