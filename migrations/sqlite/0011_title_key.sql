-- A number that stands for the title (src/db/title-key.ts) joins the report index, so reports that group by title
-- read the index instead of the wide rows. Existing rows are filled with the value the writer computes, through the
-- function the store registers on its connection before migrating; the index is built after, in one pass.
DROP INDEX `incidents_team_report_idx`;--> statement-breakpoint
ALTER TABLE `incidents` ADD `title_key` integer;--> statement-breakpoint
UPDATE `incidents` SET `title_key` = spike_title_key(`title`);--> statement-breakpoint
CREATE INDEX `incidents_team_report_idx` ON `incidents` (`team_id`,`triggered_ms`,`status`,`ms_to_ack`,`ms_to_resolve`,`deleted_at`,`priority`,`severity`,`service_id`,`service_name`,`acknowledged_by`,`resolved_by`,`title_key`);
