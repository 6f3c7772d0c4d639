-- Read-only views for reports and BI tools: the same names and columns as SQLite's (migrations/sqlite
-- 0001 and 0004), with PostgreSQL's date arithmetic. Days, weeks, weekdays and hours are taken in UTC
-- whatever the session's time zone, and the text they produce sorts byte by byte like every text column.
-- Live rows only: incidents and teams with deleted_at set never appear, nor incidents of a deleted team.
-- Seconds are double precision, as in SQLite: date_part of the interval between two millisecond instants is the
-- whole milliseconds over 1000, the same double SQLite computes (numeric arithmetic made a report over a million
-- incidents about four times slower). seconds_to_resolve counts only incidents resolved now.
-- triggered_week is the Monday starting the ISO week; triggered_weekday is 0 = Sunday .. 6 = Saturday.
CREATE VIEW incident_facts AS
SELECT
  i.id,
  i.team_id,
  t.name AS team_name,
  i.counter_id,
  i.title,
  i.status,
  (CASE i.status WHEN 'NACK' THEN 'triggered' WHEN 'ACK' THEN 'acknowledged' WHEN 'RES' THEN 'resolved' END) COLLATE "C" AS status_word,
  i.priority,
  i.severity,
  i.service_id,
  i.service_name,
  i.triggered_at,
  i.acknowledged_at,
  i.resolved_at,
  date_part('epoch', i.acknowledged_at - i.triggered_at) AS seconds_to_ack,
  CASE WHEN i.status = 'RES' THEN date_part('epoch', i.resolved_at - i.triggered_at) END AS seconds_to_resolve,
  to_char(i.triggered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') COLLATE "C" AS triggered_day,
  to_char(date_trunc('week', i.triggered_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') COLLATE "C" AS triggered_week,
  EXTRACT(DOW FROM i.triggered_at AT TIME ZONE 'UTC')::integer AS triggered_weekday,
  EXTRACT(HOUR FROM i.triggered_at AT TIME ZONE 'UTC')::integer AS triggered_hour
FROM incidents i
JOIN teams t ON t.id = i.team_id AND t.deleted_at IS NULL
WHERE i.deleted_at IS NULL;
--> statement-breakpoint
-- Status counts are by current status, so triggered + acknowledged + resolved = incidents.
CREATE VIEW team_daily_incidents AS
SELECT
  team_id,
  team_name,
  triggered_day AS day,
  COUNT(*) AS incidents,
  SUM(CASE WHEN status = 'NACK' THEN 1 ELSE 0 END) AS triggered,
  SUM(CASE WHEN status = 'ACK' THEN 1 ELSE 0 END) AS acknowledged,
  SUM(CASE WHEN status = 'RES' THEN 1 ELSE 0 END) AS resolved,
  SUM(CASE WHEN priority = 'p1' THEN 1 ELSE 0 END) AS p1,
  SUM(CASE WHEN priority = 'p2' THEN 1 ELSE 0 END) AS p2,
  SUM(CASE WHEN priority = 'p3' THEN 1 ELSE 0 END) AS p3,
  SUM(CASE WHEN priority = 'p4' THEN 1 ELSE 0 END) AS p4,
  SUM(CASE WHEN priority = 'p5' THEN 1 ELSE 0 END) AS p5,
  SUM(CASE WHEN severity = 'sev1' THEN 1 ELSE 0 END) AS sev1,
  SUM(CASE WHEN severity = 'sev2' THEN 1 ELSE 0 END) AS sev2,
  SUM(CASE WHEN severity = 'sev3' THEN 1 ELSE 0 END) AS sev3,
  AVG(seconds_to_ack) AS mean_seconds_to_ack,
  AVG(seconds_to_resolve) AS mean_seconds_to_resolve
FROM incident_facts
GROUP BY team_id, team_name, triggered_day;
--> statement-breakpoint
-- A team is as fresh as its stalest per-team stream; a stream that never succeeded makes the team never fresh.
CREATE VIEW sync_freshness AS
WITH team_streams(stream) AS (
  VALUES ('team_members'), ('oncall_schedules'), ('incidents')
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
  EXTRACT(EPOCH FROM date_trunc('second', now()))::bigint - EXTRACT(EPOCH FROM date_trunc('second', last_success_at))::bigint AS age_seconds
FROM oldest;
