CREATE TABLE `escalation_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`delay_minutes` integer,
	`step_count` integer NOT NULL,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `escalation_policies_team_idx` ON `escalation_policies` (`team_id`);--> statement-breakpoint
CREATE TABLE `escalation_policy_targets` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`policy_id` text NOT NULL,
	`step` integer NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`via` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `escalation_policy_targets_policy_idx` ON `escalation_policy_targets` (`policy_id`);--> statement-breakpoint
CREATE INDEX `escalation_policy_targets_target_idx` ON `escalation_policy_targets` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `escalation_policy_targets_team_idx` ON `escalation_policy_targets` (`team_id`);--> statement-breakpoint
CREATE TABLE `incident_activity_reads` (
	`incident_id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`resolved_at` text NOT NULL,
	`read_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_events` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`team_id` text NOT NULL,
	`type` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text,
	`user_id` text,
	`message` text,
	`created_at` text NOT NULL,
	`interruption` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `incident_events_incident_idx` ON `incident_events` (`incident_id`);--> statement-breakpoint
CREATE INDEX `incident_events_user_created_idx` ON `incident_events` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `incident_events_team_idx` ON `incident_events` (`team_id`);--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`slug` text,
	`service_id` text,
	`escalation_id` text,
	`enabled` integer,
	`repeat_escalation` integer,
	`ack_timeout_minutes` integer,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `integrations_team_idx` ON `integrations` (`team_id`);--> statement-breakpoint
CREATE INDEX `integrations_service_idx` ON `integrations` (`service_id`);--> statement-breakpoint
CREATE TABLE `oncall_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`team_id` text NOT NULL,
	`user_id` text,
	`start_at` text NOT NULL,
	`end_at` text NOT NULL,
	`description` text,
	`timezone` text,
	`created_at` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `oncall_overrides_schedule_end_idx` ON `oncall_overrides` (`schedule_id`,`end_at`);--> statement-breakpoint
CREATE INDEX `oncall_overrides_team_idx` ON `oncall_overrides` (`team_id`);--> statement-breakpoint
CREATE TABLE `oncall_schedule_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`schedule_id` text NOT NULL,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `oncall_schedule_teams_schedule_team_idx` ON `oncall_schedule_teams` (`schedule_id`,`team_id`);--> statement-breakpoint
CREATE INDEX `oncall_schedule_teams_team_idx` ON `oncall_schedule_teams` (`team_id`);--> statement-breakpoint
CREATE TABLE `oncall_shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`team_id` text NOT NULL,
	`layer_id` text,
	`user_id` text NOT NULL,
	`start_at` text NOT NULL,
	`end_at` text NOT NULL,
	`is_override` integer NOT NULL,
	`source` text NOT NULL,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `oncall_shifts_schedule_start_idx` ON `oncall_shifts` (`schedule_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `oncall_shifts_user_start_idx` ON `oncall_shifts` (`user_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `oncall_shifts_team_idx` ON `oncall_shifts` (`team_id`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`counter_id` text,
	`name` text NOT NULL,
	`description` text,
	`created_at` text,
	`updated_at` text,
	`raw` text NOT NULL,
	`first_seen_at` text NOT NULL,
	`synced_at` text NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `services_team_idx` ON `services` (`team_id`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `acknowledged_by` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `resolved_by` text;--> statement-breakpoint
ALTER TABLE `sync_run_streams` ADD `items_unknown` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every schedule stored so far belongs to the team that listed it last: that association becomes its first link.
-- `raw` is what the on-call schedules stream writes for a link, so the next run finds the row unchanged.
INSERT INTO `oncall_schedule_teams` (`id`, `team_id`, `schedule_id`, `raw`, `first_seen_at`, `synced_at`, `deleted_at`)
SELECT `team_id` || ':' || `id`, `team_id`, `id`, json_object('team', `team_id`, 'schedule', `id`), `first_seen_at`, `synced_at`, `deleted_at`
FROM `oncall_schedules`;
