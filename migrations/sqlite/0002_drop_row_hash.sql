ALTER TABLE `incidents` DROP COLUMN `row_hash`;--> statement-breakpoint
ALTER TABLE `oncall_schedules` DROP COLUMN `row_hash`;--> statement-breakpoint
ALTER TABLE `team_members` DROP COLUMN `row_hash`;--> statement-breakpoint
ALTER TABLE `teams` DROP COLUMN `row_hash`;--> statement-breakpoint
ALTER TABLE `users` DROP COLUMN `row_hash`;