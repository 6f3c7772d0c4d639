-- incident_facts gains triggered_week, the Monday (YYYY-MM-DD, UTC) starting the ISO week of triggered_at, so
-- reports group by week without date arithmetic of their own: each store computes it in its own view.
-- Back six days, then forward to the next Monday: lands on the Monday of the ISO week, Mondays included.
-- team_daily_incidents reads incident_facts, so it is dropped and created again unchanged.
DROP VIEW team_daily_incidents;
--> statement-breakpoint
DROP VIEW incident_facts;
--> statement-breakpoint
CREATE VIEW incident_facts AS
SELECT
  i.id,
  i.team_id,
  t.name AS team_name,
  i.counter_id,
  i.title,
  i.status,
  CASE i.status WHEN 'NACK' THEN 'triggered' WHEN 'ACK' THEN 'acknowledged' WHEN 'RES' THEN 'resolved' END AS status_word,
  i.priority,
  i.severity,
  i.service_id,
  i.service_name,
  i.triggered_at,
  i.acknowledged_at,
  i.resolved_at,
  ROUND((unixepoch(i.acknowledged_at, 'subsec') - unixepoch(i.triggered_at, 'subsec')) * 1000) / 1000.0 AS seconds_to_ack,
  CASE WHEN i.status = 'RES' THEN ROUND((unixepoch(i.resolved_at, 'subsec') - unixepoch(i.triggered_at, 'subsec')) * 1000) / 1000.0 END AS seconds_to_resolve,
  substr(i.triggered_at, 1, 10) AS triggered_day,
  date(substr(i.triggered_at, 1, 10), '-6 days', 'weekday 1') AS triggered_week,
  CAST(strftime('%w', i.triggered_at) AS INTEGER) AS triggered_weekday,
  CAST(strftime('%H', i.triggered_at) AS INTEGER) AS triggered_hour
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
