// Builds the million-incident organisation in a PostgreSQL schema made by the real migrations, in SQL
// (generate_series), so a million rows take seconds rather than a million-row sync.
import type pg from 'pg';
import * as shape from './million-shape.js';

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', ${ISO})`;
const ms = (expr: string) => `(EXTRACT(EPOCH FROM ${expr}) * 1000)::bigint`;
const responder = (teamNo: string, n: string) =>
  `'5b2f00c0ffee' || lpad(to_hex(${teamNo}), 6, '0') || lpad(to_hex((${n}) % ${shape.RESPONDERS_PER_TEAM}), 6, '0')`;

/** Fills `teams`, `services`, `users` and `incidents` of the schema the client works in; the schema is migrated and empty. */
export async function fillPostgres(client: pg.Client, count: number): Promise<void> {
  const now = new Date().toISOString();
  const teams = shape.TEAM_NAMES.slice(0, shape.MILLION_TEAMS).map((name, i) => ({ id: shape.teamId(i), name, uid: name.slice(0, 3).toLowerCase() }));
  for (const team of teams) {
    const raw = { _id: team.id, name: team.name, uid: team.uid, desc: `${team.name} services`, default: false, private: false, users: [] };
    await client.query(
      `INSERT INTO teams (id, name, uid, description, is_default, is_private, created_at, updated_at, raw, first_seen_at, synced_at)
       VALUES ($1, $2, $3, $4, false, false, $5, $5, $6, $5, $5)`,
      [team.id, team.name, team.uid, raw.desc, now, JSON.stringify(raw)],
    );
  }
  // Each team's service (the one its incidents name) and its responders, as the catalog and user streams store them.
  for (const [teamNo, team] of teams.entries()) {
    await client.query(
      `INSERT INTO services (id, team_id, name, raw, first_seen_at, synced_at) VALUES (left(md5($1 || 'service'), 24), $1, $2, jsonb_build_object('_id', left(md5($1 || 'service'), 24)), $3, $3)`,
      [team.id, `${team.name} API`, now],
    );
    for (let person = 0; person < shape.RESPONDERS_PER_TEAM; person++) {
      const userId = shape.responderId(teamNo, person);
      await client.query(`INSERT INTO users (id, name, removed, raw, first_seen_at, synced_at) VALUES ($1, $2, false, $3, $4, $4)`, [userId, `${team.name} responder ${person + 1}`, JSON.stringify({ _id: userId }), now]);
    }
  }
  // setseed makes random() repeat the same sequence in this session: the same data on every run.
  await client.query('SELECT setseed(0.42)');
  await client.query(incidentsInsert(count), [now, shape.TITLES]);
}

function incidentsInsert(count: number): string {
  const { ACK_SECONDS: ack, RESOLVE_SECONDS: res } = shape;
  return `
    WITH drawn AS (
      SELECT n, random() AS r_team, random() AS r_time, random() AS r_status, random() AS r_acked,
        random() AS r_ack, random() AS r_res, random() AS r_prio, random() AS r_sev
      FROM generate_series(1, ${count}) AS n
    ),
    numbered AS (
      SELECT id, name, uid, (row_number() OVER (ORDER BY id) - 1)::int AS no FROM teams
    ),
    timed AS (
      SELECT d.*, t.id AS team_id, t.name AS team_name, t.uid, t.no AS team_no,
        date_trunc('milliseconds', $1::timestamptz - d.r_time * interval '${shape.HISTORY_DAYS} days') AS trig,
        CASE WHEN d.r_status < ${shape.NACK_SHARE} THEN 'NACK' WHEN d.r_status < ${shape.NACK_SHARE + shape.ACK_SHARE} THEN 'ACK' ELSE 'RES' END AS status
      FROM drawn d JOIN numbered t ON t.no = LEAST(${shape.MILLION_TEAMS - 1}, floor(${shape.MILLION_TEAMS} * power(d.r_team, ${shape.TEAM_SKEW})))::int
    ),
    acked AS (
      SELECT x.*,
        CASE WHEN x.status = 'ACK' OR (x.status = 'RES' AND x.r_acked < ${shape.RESOLVED_ACKED_SHARE})
          THEN x.trig + make_interval(secs => round(${ack.min} + ${ack.span} * power(x.r_ack, 3))) END AS ack_at
      FROM timed x
    ),
    resolved AS (
      SELECT a.*,
        CASE WHEN a.status = 'RES' THEN COALESCE(a.ack_at, a.trig) + make_interval(secs => round(${res.min} + ${res.span} * power(a.r_res, 3))) END AS res_at,
        to_hex(extract(epoch FROM a.trig)::bigint) || lpad(to_hex(a.n), 16, '0') AS id,
        a.uid || '-' || a.n AS counter_id,
        ($2::text[])[1 + a.n % array_length($2::text[], 1)] AS title,
        'p' || (1 + floor(a.r_prio * 5))::int AS priority,
        CASE WHEN a.r_sev < 0.5 THEN 'sev' || (1 + floor(a.r_sev * 6))::int END AS severity,
        md5(a.team_id || 'service') AS service_hash
      FROM acked a
    )
    INSERT INTO incidents (id, team_id, counter_id, title, status, priority, severity, triggered_at, acknowledged_at, resolved_at,
      created_at, updated_at, service_id, service_name, integration_id, integration_name, escalation_id, escalation_name, raw, first_seen_at, synced_at,
      triggered_ms, acknowledged_ms, resolved_ms, ms_to_ack, ms_to_resolve, acknowledged_by, resolved_by, title_key)
    SELECT r.id, r.team_id, r.counter_id, r.title, r.status, r.priority, r.severity, r.trig, r.ack_at, r.res_at,
      r.trig, COALESCE(r.res_at, r.ack_at, r.trig), left(r.service_hash, 24), r.team_name || ' API',
      substr(r.service_hash, 5, 24), r.team_name || ' API - Prometheus', substr(r.service_hash, 9, 24), r.team_name || ' primary',
      jsonb_strip_nulls(jsonb_build_object(
        '_id', r.id, 'counterId', r.counter_id, 'message', r.title, 'status', r.status,
        'NACK_at', ${iso('r.trig')}, 'ACK_at', ${iso('r.ack_at')}, 'RES_at', ${iso('r.res_at')},
        'createdAt', ${iso('r.trig')}, 'updatedAt', ${iso('COALESCE(r.res_at, r.ack_at, r.trig)')},
        'metadata', jsonb_build_object('host', lower(r.team_name) || '-api-' || (r.n % 4), 'alert_source', 'Prometheus', 'region', 'us-east-1'),
        'links', '[]'::jsonb,
        'escalation', jsonb_build_object('_id', substr(r.service_hash, 9, 24), 'name', r.team_name || ' primary'),
        'integration', jsonb_build_object('_id', substr(r.service_hash, 5, 24), 'customName', r.team_name || ' API - Prometheus', 'name', r.team_name || ' API - Prometheus'),
        'service', jsonb_build_object('_id', left(r.service_hash, 24), 'name', r.team_name || ' API'),
        'team', r.team_id,
        'groupedIncident', jsonb_build_object('priority', r.priority, 'severity', r.severity, 'notes', '[]'::jsonb, 'comments', '[]'::jsonb),
        'history', '[]'::jsonb, 'events', '[]'::jsonb)),
      $1::timestamptz, $1::timestamptz,
      -- The timings as the store's writer computes them (whole milliseconds: the instants have no finer part).
      ${ms('r.trig')}, ${ms('r.ack_at')}, ${ms('r.res_at')}, ${ms('r.ack_at')} - ${ms('r.trig')},
      CASE WHEN r.status = 'RES' THEN ${ms('r.res_at')} - ${ms('r.trig')} END,
      -- The responders as the activity logs would set them (the ids of shape.responderId).
      CASE WHEN r.ack_at IS NOT NULL THEN ${responder('r.team_no', 'r.n')} END,
      CASE WHEN r.res_at IS NOT NULL THEN ${responder('r.team_no', 'r.n + 1')} END,
      -- The title's key as src/db/title-key.ts computes it (migration 0007 fills stored rows the same way).
      ('x' || substr(md5(convert_to(r.title, 'UTF8')), 1, 13))::bit(52)::bigint
    FROM resolved r`;
}
