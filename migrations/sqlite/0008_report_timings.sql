-- Reports read an incident's instants as epoch milliseconds and its durations as whole milliseconds, stored
-- beside the ISO text by the writer (src/db/incident-timings.ts) instead of parsed on every query. Existing rows
-- are filled here with the same values; the index is built after, in one pass.
ALTER TABLE `incidents` ADD `triggered_ms` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `acknowledged_ms` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `resolved_ms` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `ms_to_ack` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `ms_to_resolve` integer;--> statement-breakpoint
UPDATE `incidents` SET
  `triggered_ms` = CAST(ROUND(unixepoch(`triggered_at`, 'subsec') * 1000) AS INTEGER),
  `acknowledged_ms` = CAST(ROUND(unixepoch(`acknowledged_at`, 'subsec') * 1000) AS INTEGER),
  `resolved_ms` = CAST(ROUND(unixepoch(`resolved_at`, 'subsec') * 1000) AS INTEGER);--> statement-breakpoint
UPDATE `incidents` SET
  `ms_to_ack` = `acknowledged_ms` - `triggered_ms`,
  `ms_to_resolve` = CASE WHEN `status` = 'RES' THEN `resolved_ms` - `triggered_ms` END;--> statement-breakpoint
-- The statistics' covering index moves to the numbers; the one over the ISO text (migration 0001) goes.
DROP INDEX `incidents_team_facts_idx`;--> statement-breakpoint
CREATE INDEX `incidents_team_report_idx` ON `incidents` (`team_id`,`triggered_ms`,`status`,`ms_to_ack`,`ms_to_resolve`,`deleted_at`);--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `estimated_requests` integer;--> statement-breakpoint
-- incident_facts gains triggered_ms, ms_to_ack and ms_to_resolve (last, so existing column positions hold), and
-- reads its seconds from the milliseconds: the same values as before (whole milliseconds over 1000).
-- team_daily_incidents reads incident_facts, so it is dropped and created again unchanged.
DROP VIEW team_daily_incidents;--> statement-breakpoint
DROP VIEW incident_facts;--> statement-breakpoint
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
  i.ms_to_ack / 1000.0 AS seconds_to_ack,
  i.ms_to_resolve / 1000.0 AS seconds_to_resolve,
  substr(i.triggered_at, 1, 10) AS triggered_day,
  date(substr(i.triggered_at, 1, 10), '-6 days', 'weekday 1') AS triggered_week,
  CAST(strftime('%w', i.triggered_at) AS INTEGER) AS triggered_weekday,
  CAST(strftime('%H', i.triggered_at) AS INTEGER) AS triggered_hour,
  i.triggered_ms,
  i.ms_to_ack,
  i.ms_to_resolve
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
