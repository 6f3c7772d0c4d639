-- As SQLite's migration 0008: an incident's instants as epoch milliseconds and its durations as whole
-- milliseconds, written by the store beside the timestamps; existing rows are filled here, then indexed.
ALTER TABLE "incidents" ADD COLUMN "triggered_ms" bigint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "acknowledged_ms" bigint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolved_ms" bigint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "ms_to_ack" bigint;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "ms_to_resolve" bigint;--> statement-breakpoint
UPDATE "incidents" SET
  "triggered_ms" = (EXTRACT(EPOCH FROM "triggered_at") * 1000)::bigint,
  "acknowledged_ms" = (EXTRACT(EPOCH FROM "acknowledged_at") * 1000)::bigint,
  "resolved_ms" = (EXTRACT(EPOCH FROM "resolved_at") * 1000)::bigint,
  "ms_to_ack" = (EXTRACT(EPOCH FROM "acknowledged_at") * 1000)::bigint - (EXTRACT(EPOCH FROM "triggered_at") * 1000)::bigint,
  "ms_to_resolve" = CASE WHEN "status" = 'RES' THEN (EXTRACT(EPOCH FROM "resolved_at") * 1000)::bigint - (EXTRACT(EPOCH FROM "triggered_at") * 1000)::bigint END;--> statement-breakpoint
DROP INDEX "incidents_team_facts_idx";--> statement-breakpoint
CREATE INDEX "incidents_team_report_idx" ON "incidents" USING btree ("team_id","triggered_ms","status","ms_to_ack","ms_to_resolve","deleted_at");--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "estimated_requests" integer;--> statement-breakpoint
-- incident_facts gains triggered_ms, ms_to_ack and ms_to_resolve (last), and reads its seconds from the
-- milliseconds as double precision: whole milliseconds over 1000, the same double SQLite computes.
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
  (CASE i.status WHEN 'NACK' THEN 'triggered' WHEN 'ACK' THEN 'acknowledged' WHEN 'RES' THEN 'resolved' END) COLLATE "C" AS status_word,
  i.priority,
  i.severity,
  i.service_id,
  i.service_name,
  i.triggered_at,
  i.acknowledged_at,
  i.resolved_at,
  i.ms_to_ack / 1000.0::double precision AS seconds_to_ack,
  i.ms_to_resolve / 1000.0::double precision AS seconds_to_resolve,
  to_char(i.triggered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') COLLATE "C" AS triggered_day,
  to_char(date_trunc('week', i.triggered_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') COLLATE "C" AS triggered_week,
  EXTRACT(DOW FROM i.triggered_at AT TIME ZONE 'UTC')::integer AS triggered_weekday,
  EXTRACT(HOUR FROM i.triggered_at AT TIME ZONE 'UTC')::integer AS triggered_hour,
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
