CREATE TABLE `incidents` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`counter_id` text,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`priority` text,
	`severity` text,
	`triggered_at` text NOT NULL,
	`acknowledged_at` text,
	`resolved_at` text,
	`created_at` text,
	`updated_at` text,
	`service_id` text,
	`service_name` text,
	`integration_id` text,
	`integration_name` text,
	`escalation_id` text,
	`escalation_name` text,
	`raw` text NOT NULL,
	`row_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `incidents_team_triggered_idx` ON `incidents` (`team_id`,`triggered_at`);--> statement-breakpoint
CREATE INDEX `incidents_triggered_idx` ON `incidents` (`triggered_at`);--> statement-breakpoint
CREATE INDEX `incidents_team_status_idx` ON `incidents` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `oncall_schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`timezone` text,
	`user_ids` text NOT NULL,
	`layer_count` integer NOT NULL,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`row_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `oncall_schedules_team_idx` ON `oncall_schedules` (`team_id`);--> statement-breakpoint
CREATE TABLE `sync_lock` (
	`name` text PRIMARY KEY NOT NULL,
	`pid` integer NOT NULL,
	`hostname` text NOT NULL,
	`acquired_at` text NOT NULL,
	`heartbeat_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_run_streams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` integer NOT NULL,
	`team_id` text NOT NULL,
	`stream` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`pages` integer NOT NULL,
	`requests` integer NOT NULL,
	`rows_inserted` integer NOT NULL,
	`rows_updated` integer NOT NULL,
	`rows_deleted` integer NOT NULL,
	`items_skipped` integer NOT NULL,
	`first_skip_error` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `sync_run_streams_run_idx` ON `sync_run_streams` (`run_id`);--> statement-breakpoint
CREATE INDEX `sync_run_streams_team_stream_idx` ON `sync_run_streams` (`team_id`,`stream`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`full` integer NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`teams_ok` integer DEFAULT 0 NOT NULL,
	`teams_failed` integer DEFAULT 0 NOT NULL,
	`pid` integer,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`team_id` text NOT NULL,
	`stream` text NOT NULL,
	`watermark` text,
	`resume_page` integer,
	`last_full_at` text,
	`last_success_at` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`team_id`, `stream`)
);
--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`raw` text NOT NULL,
	`row_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_team_user_idx` ON `team_members` (`team_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `team_members_user_idx` ON `team_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`uid` text,
	`description` text,
	`is_default` integer NOT NULL,
	`is_private` integer NOT NULL,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`row_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`first_name` text,
	`last_name` text,
	`name` text NOT NULL,
	`email` text,
	`role` text,
	`timezone` text,
	`removed` integer NOT NULL,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`row_hash` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `users_email_idx` ON `users` (`email`);