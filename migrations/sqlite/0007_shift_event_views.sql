-- Read-only views over on-call shifts and activity-log events, for the on-call reports and BI tools. PostgreSQL
-- gets the same names, columns and types (migrations/postgres 0003); only the date arithmetic differs.
-- Live rows of live teams only. Names come from the people and schedules as stored, deleted or not: a shift or
-- an event is history, and the person who was paged keeps their name after leaving.
-- Seconds keep milliseconds, rounded to whole milliseconds as in incident_facts.
CREATE VIEW oncall_shift_facts AS
SELECT
  s.id,
  s.team_id,
  t.name AS team_name,
  s.schedule_id,
  o.name AS schedule_name,
  s.layer_id,
  s.user_id,
  u.name AS user_name,
  s.start_at,
  s.end_at,
  ROUND((unixepoch(s.end_at, 'subsec') - unixepoch(s.start_at, 'subsec')) * 1000) / 1000.0 AS duration_seconds,
  s.source,
  s.is_override
FROM oncall_shifts s
JOIN teams t ON t.id = s.team_id AND t.deleted_at IS NULL
LEFT JOIN oncall_schedules o ON o.id = s.schedule_id
LEFT JOIN users u ON u.id = s.user_id
WHERE s.deleted_at IS NULL;
--> statement-breakpoint
-- The team is the incident's (an event row keeps the team whose listing served it). created_hour is the UTC clock
-- hour of the event, `YYYY-MM-DDTHH`: the unit the on-call report counts interrupted hours in.
CREATE VIEW incident_event_facts AS
SELECT
  e.id,
  e.incident_id,
  i.counter_id AS incident_counter_id,
  i.title AS incident_title,
  i.team_id,
  t.name AS team_name,
  e.user_id,
  u.name AS user_name,
  e.type,
  e.kind,
  e.channel,
  e.interruption,
  e.created_at,
  substr(e.created_at, 1, 13) AS created_hour,
  ROUND((unixepoch(e.created_at, 'subsec') - unixepoch(i.triggered_at, 'subsec')) * 1000) / 1000.0 AS seconds_since_triggered
FROM incident_events e
JOIN incidents i ON i.id = e.incident_id AND i.deleted_at IS NULL
JOIN teams t ON t.id = i.team_id AND t.deleted_at IS NULL
LEFT JOIN users u ON u.id = e.user_id
WHERE e.deleted_at IS NULL;
--> statement-breakpoint
-- A team is fresh when every stream each run must complete has succeeded: the activity logs are one of them now.
-- Streams read on an interval (on-call, catalogs) are judged by `status` against their own interval instead.
DROP VIEW sync_freshness;
--> statement-breakpoint
CREATE VIEW sync_freshness AS
WITH team_streams(stream) AS (
  VALUES ('team_members'), ('oncall_schedules'), ('incidents'), ('incident_events')
),
oldest AS (
  SELECT
    t.id AS team_id,
    t.name AS team_name,
    CASE WHEN COUNT(s.last_success_at) = COUNT(*) THEN MIN(s.last_success_at) END AS last_success_at
  FROM teams t
  CROSS JOIN team_streams ts
  LEFT JOIN sync_state s ON s.team_id = t.id AND s.stream = ts.stream
  WHERE t.deleted_at IS NULL
  GROUP BY t.id, t.name
)
SELECT
  team_id,
  team_name,
  last_success_at,
  unixepoch('now') - unixepoch(last_success_at) AS age_seconds
FROM oldest;
