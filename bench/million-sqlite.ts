// Builds the million-incident organisation in a SQLite file made by the real migrations: rows drawn in
// JavaScript from a seeded generator, written with one prepared statement, many rows per transaction.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { incidentTimings } from '../src/db/incident-timings.js';
import { titleKey } from '../src/db/title-key.js';
import { createRng } from '../src/demo/rng.js';
import * as shape from './million-shape.js';

const INCIDENT_COLUMNS = ['id', 'team_id', 'counter_id', 'title', 'status', 'priority', 'severity', 'triggered_at', 'acknowledged_at', 'resolved_at', 'created_at',
  'updated_at', 'service_id', 'service_name', 'integration_id', 'integration_name', 'escalation_id', 'escalation_name', 'raw', 'first_seen_at', 'synced_at',
  'triggered_ms', 'acknowledged_ms', 'resolved_ms', 'ms_to_ack', 'ms_to_resolve', 'acknowledged_by', 'resolved_by', 'title_key'];
const PER_TRANSACTION = 50_000;

export function fillSqlite(path: string, count: number): void {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const now = new Date();
    const stamp = now.toISOString();
    const teams = shape.TEAM_NAMES.slice(0, shape.MILLION_TEAMS).map((name, i) => ({ id: shape.teamId(i), name, uid: name.slice(0, 3).toLowerCase() }));
    const insertTeam = db.prepare(`INSERT INTO teams (id, name, uid, description, is_default, is_private, created_at, updated_at, raw, first_seen_at, synced_at)
      VALUES (?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?)`);
    for (const t of teams) {
      const raw = { _id: t.id, name: t.name, uid: t.uid, desc: `${t.name} services`, default: false, private: false, users: [] };
      insertTeam.run(t.id, t.name, t.uid, raw.desc, stamp, stamp, JSON.stringify(raw), stamp, stamp);
    }
    fillCatalog(db, teams, stamp);
    const insert = db.prepare(`INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}) VALUES (${INCIDENT_COLUMNS.map(() => '?').join(', ')})`);
    const draw = incidentDrawer(teams, now.getTime());
    const batch = db.transaction((from: number, to: number) => {
      for (let n = from; n < to; n++) insert.run(...draw(n, stamp));
    });
    for (let from = 1; from <= count; from += PER_TRANSACTION) batch(from, Math.min(count + 1, from + PER_TRANSACTION));
  } finally {
    db.close();
  }
}

/** Each team's service (the one its incidents name) and its responders, as the catalog and user streams store them. */
function fillCatalog(db: Database.Database, teams: { id: string; name: string }[], stamp: string): void {
  const service = db.prepare(`INSERT INTO services (id, team_id, name, raw, first_seen_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const user = db.prepare(`INSERT INTO users (id, name, removed, raw, first_seen_at, synced_at) VALUES (?, ?, 0, ?, ?, ?)`);
  teams.forEach((team, teamNo) => {
    const id = createHash('md5').update(`${team.id}service`).digest('hex').slice(0, 24);
    service.run(id, team.id, `${team.name} API`, JSON.stringify({ _id: id, name: `${team.name} API` }), stamp, stamp);
    for (let person = 0; person < shape.RESPONDERS_PER_TEAM; person++) {
      const userId = shape.responderId(teamNo, person);
      user.run(userId, `${team.name} responder ${person + 1}`, JSON.stringify({ _id: userId }), stamp, stamp);
    }
  });
}

function incidentDrawer(teams: { id: string; name: string; uid: string }[], nowMs: number) {
  const random = createRng(42);
  const rng = () => random.next();
  const hashes = new Map(teams.map((t) => [t.id, createHash('md5').update(`${t.id}service`).digest('hex')]));
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return (n: number, stamp: string): unknown[] => {
    const team = teams[Math.min(teams.length - 1, Math.floor(teams.length * rng() ** shape.TEAM_SKEW))]!;
    const trig = nowMs - Math.floor(rng() * shape.HISTORY_DAYS * 86_400_000);
    const r = rng();
    const status = r < shape.NACK_SHARE ? 'NACK' : r < shape.NACK_SHARE + shape.ACK_SHARE ? 'ACK' : 'RES';
    const acked = status === 'ACK' || (status === 'RES' && rng() < shape.RESOLVED_ACKED_SHARE);
    const ack = acked ? trig + Math.round(shape.ACK_SECONDS.min + shape.ACK_SECONDS.span * rng() ** 3) * 1000 : null;
    const res = status === 'RES' ? (ack ?? trig) + Math.round(shape.RESOLVE_SECONDS.min + shape.RESOLVE_SECONDS.span * rng() ** 3) * 1000 : null;
    const id = Math.floor(trig / 1000).toString(16) + n.toString(16).padStart(16, '0');
    const title = shape.TITLES[n % shape.TITLES.length]!;
    const priority = `p${1 + Math.floor(rng() * 5)}`;
    const sevDraw = rng();
    const severity = sevDraw < 0.5 ? `sev${1 + Math.floor(sevDraw * 6)}` : null;
    const hash = hashes.get(team.id)!;
    const service = { _id: hash.slice(0, 24), name: `${team.name} API` };
    const integration = { _id: hash.slice(4, 28), customName: `${team.name} API - Prometheus`, name: `${team.name} API - Prometheus` };
    const escalation = { _id: hash.slice(8, 32), name: `${team.name} primary` };
    const updated = iso(res ?? ack ?? trig);
    const raw = {
      _id: id, counterId: `${team.uid}-${n}`, message: title, status, NACK_at: iso(trig), ...(ack ? { ACK_at: iso(ack) } : {}), ...(res ? { RES_at: iso(res) } : {}),
      createdAt: iso(trig), updatedAt: updated, metadata: { host: `${team.name.toLowerCase()}-api-${n % 4}`, alert_source: 'Prometheus', region: 'us-east-1' },
      links: [], escalation, integration, service, team: team.id, groupedIncident: { priority, ...(severity ? { severity } : {}), notes: [], comments: [] }, history: [], events: [],
    };
    // The timings and title key as the store's writer computes them; the responders as the activity logs would set them.
    const t = incidentTimings({ status, triggeredAt: iso(trig)!, acknowledgedAt: iso(ack), resolvedAt: iso(res) });
    const teamNo = teams.indexOf(team);
    const ackBy = ack === null ? null : shape.responderId(teamNo, n % shape.RESPONDERS_PER_TEAM);
    const resBy = res === null ? null : shape.responderId(teamNo, (n + 1) % shape.RESPONDERS_PER_TEAM);
    return [id, team.id, raw.counterId, title, status, priority, severity, iso(trig), iso(ack), iso(res), iso(trig), updated,
      service._id, service.name, integration._id, integration.name, escalation._id, escalation.name, JSON.stringify(raw), stamp, stamp,
      t.triggeredMs, t.acknowledgedMs, t.resolvedMs, t.msToAck, t.msToResolve, ackBy, resBy, titleKey(title)];
  };
}
