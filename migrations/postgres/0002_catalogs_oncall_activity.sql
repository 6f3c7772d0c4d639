CREATE TABLE "escalation_policies" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"description" text COLLATE "C",
	"delay_minutes" integer,
	"step_count" integer NOT NULL,
	"created_at" timestamp(3) with time zone,
	"updated_at" timestamp(3) with time zone,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "escalation_policy_targets" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"policy_id" text COLLATE "C" NOT NULL,
	"step" integer NOT NULL,
	"target_type" text COLLATE "C" NOT NULL,
	"target_id" text COLLATE "C" NOT NULL,
	"via" text COLLATE "C",
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "incident_activity_reads" (
	"incident_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"resolved_at" timestamp(3) with time zone NOT NULL,
	"read_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_events" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"incident_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"type" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"channel" text COLLATE "C",
	"user_id" text COLLATE "C",
	"message" text COLLATE "C",
	"created_at" timestamp(3) with time zone NOT NULL,
	"interruption" text COLLATE "C",
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"name" text COLLATE "C" NOT NULL,
	"description" text COLLATE "C",
	"slug" text COLLATE "C",
	"service_id" text COLLATE "C",
	"escalation_id" text COLLATE "C",
	"enabled" boolean,
	"repeat_escalation" boolean,
	"ack_timeout_minutes" integer,
	"created_at" timestamp(3) with time zone,
	"updated_at" timestamp(3) with time zone,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "oncall_overrides" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"schedule_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C",
	"start_at" timestamp(3) with time zone NOT NULL,
	"end_at" timestamp(3) with time zone NOT NULL,
	"description" text COLLATE "C",
	"timezone" text COLLATE "C",
	"created_at" timestamp(3) with time zone,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "oncall_schedule_teams" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"schedule_id" text COLLATE "C" NOT NULL,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "oncall_shifts" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"schedule_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"layer_id" text COLLATE "C",
	"user_id" text COLLATE "C" NOT NULL,
	"start_at" timestamp(3) with time zone NOT NULL,
	"end_at" timestamp(3) with time zone NOT NULL,
	"is_override" boolean NOT NULL,
	"source" text COLLATE "C" NOT NULL,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"counter_id" text COLLATE "C",
	"name" text COLLATE "C" NOT NULL,
	"description" text COLLATE "C",
	"created_at" timestamp(3) with time zone,
	"updated_at" timestamp(3) with time zone,
	"raw" jsonb NOT NULL,
	"first_seen_at" timestamp(3) with time zone NOT NULL,
	"synced_at" timestamp(3) with time zone NOT NULL,
	"deleted_at" timestamp(3) with time zone
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "acknowledged_by" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "resolved_by" text COLLATE "C";--> statement-breakpoint
ALTER TABLE "sync_run_streams" ADD COLUMN "items_unknown" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "escalation_policies_team_idx" ON "escalation_policies" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "escalation_policy_targets_policy_idx" ON "escalation_policy_targets" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "escalation_policy_targets_target_idx" ON "escalation_policy_targets" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE INDEX "escalation_policy_targets_team_idx" ON "escalation_policy_targets" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "incident_events_incident_idx" ON "incident_events" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incident_events_user_created_idx" ON "incident_events" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "incident_events_team_idx" ON "incident_events" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "integrations_team_idx" ON "integrations" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "integrations_service_idx" ON "integrations" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "oncall_overrides_schedule_end_idx" ON "oncall_overrides" USING btree ("schedule_id","end_at");--> statement-breakpoint
CREATE INDEX "oncall_overrides_team_idx" ON "oncall_overrides" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oncall_schedule_teams_schedule_team_idx" ON "oncall_schedule_teams" USING btree ("schedule_id","team_id");--> statement-breakpoint
CREATE INDEX "oncall_schedule_teams_team_idx" ON "oncall_schedule_teams" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "oncall_shifts_schedule_start_idx" ON "oncall_shifts" USING btree ("schedule_id","start_at");--> statement-breakpoint
CREATE INDEX "oncall_shifts_user_start_idx" ON "oncall_shifts" USING btree ("user_id","start_at");--> statement-breakpoint
CREATE INDEX "oncall_shifts_team_idx" ON "oncall_shifts" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "services_team_idx" ON "services" USING btree ("team_id");--> statement-breakpoint
-- Every schedule stored so far belongs to the team that listed it last: that association becomes its first link.
-- `raw` is what the on-call schedules stream writes for a link, so the next run finds the row unchanged.
INSERT INTO "oncall_schedule_teams" ("id", "team_id", "schedule_id", "raw", "first_seen_at", "synced_at", "deleted_at")
SELECT "team_id" || ':' || "id", "team_id", "id", jsonb_build_object('team', "team_id", 'schedule', "id"), "first_seen_at", "synced_at", "deleted_at"
FROM "oncall_schedules";
