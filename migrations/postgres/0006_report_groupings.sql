-- The report index gains the columns reports group by (priority, severity, service, who acknowledged and resolved),
-- so those statistics read the index alone instead of the wide rows with their raw JSON.
DROP INDEX "incidents_team_report_idx";--> statement-breakpoint
CREATE INDEX "incidents_team_report_idx" ON "incidents" USING btree ("team_id","triggered_ms","status","ms_to_ack","ms_to_resolve","deleted_at","priority","severity","service_id","service_name","acknowledged_by","resolved_by");