-- A number that stands for the title (src/db/title-key.ts) joins the report index, so reports that group by title
-- read the index instead of the wide rows. Existing rows are filled with the value the writer computes: the first 52
-- bits of the MD5 of the title's UTF-8 bytes, whatever the database's encoding. The index is built after, in one pass.
DROP INDEX "incidents_team_report_idx";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "title_key" bigint;--> statement-breakpoint
UPDATE "incidents" SET "title_key" = ('x' || substr(md5(convert_to("title", 'UTF8')), 1, 13))::bit(52)::bigint;--> statement-breakpoint
CREATE INDEX "incidents_team_report_idx" ON "incidents" USING btree ("team_id","triggered_ms","status","ms_to_ack","ms_to_resolve","deleted_at","priority","severity","service_id","service_name","acknowledged_by","resolved_by","title_key");
