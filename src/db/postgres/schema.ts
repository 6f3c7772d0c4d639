import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql, type InferInsertModel } from 'drizzle-orm';
import type { SchemaCheck } from '../store.js';

/**
 * The same tables, columns, keys and indexes as the SQLite schema (src/db/sqlite/schema.ts), in PostgreSQL's
 * own types: timestamps are timestamptz, `raw` is jsonb, flags are boolean.
 *
 * Text compares byte by byte (COLLATE "C"), as it does in SQLite, whatever the database's default collation:
 * reports sort and group names the same way on both stores, so their output is identical.
 */
const text = customType<{ data: string; driverData: string }>({ dataType: () => 'text COLLATE "C"' });
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'string' });

const tracking = {
  raw: jsonb('raw').notNull(),
  firstSeenAt: instant('first_seen_at').notNull(),
  syncedAt: instant('synced_at').notNull(),
  deletedAt: instant('deleted_at'),
};

/** As in the SQLite schema: computed by the store as it writes the row. Epoch milliseconds pass 2^31, hence bigint. */
const millis = (name: string) => bigint(name, { mode: 'number' });
const reportTimings = {
  triggeredMs: millis('triggered_ms'),
  acknowledgedMs: millis('acknowledged_ms'),
  resolvedMs: millis('resolved_ms'),
  msToAck: millis('ms_to_ack'),
  msToResolve: millis('ms_to_resolve'),
  /** Stands for the title in the report index (src/db/title-key.ts). */
  titleKey: millis('title_key'),
};

export const teams = pgTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  uid: text('uid'),
  description: text('description'),
  isDefault: boolean('is_default').notNull(),
  isPrivate: boolean('is_private').notNull(),
  createdAt: instant('created_at'),
  updatedAt: instant('updated_at'),
  ...tracking,
});

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role'),
    timezone: text('timezone'),
    removed: boolean('removed').notNull(),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    ...tracking,
  },
  (t) => [index('users_email_idx').on(t.email)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    ...tracking,
  },
  (t) => [uniqueIndex('team_members_team_user_idx').on(t.teamId, t.userId), index('team_members_user_idx').on(t.userId)],
);

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    counterId: text('counter_id'),
    title: text('title').notNull(),
    status: text('status').notNull(),
    priority: text('priority'),
    severity: text('severity'),
    triggeredAt: instant('triggered_at').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    resolvedAt: instant('resolved_at'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    serviceId: text('service_id'),
    serviceName: text('service_name'),
    integrationId: text('integration_id'),
    integrationName: text('integration_name'),
    escalationId: text('escalation_id'),
    escalationName: text('escalation_name'),
    /** Derived from the activity log (not written by the incident listings): null when unknown. */
    acknowledgedBy: text('acknowledged_by'),
    resolvedBy: text('resolved_by'),
    ...reportTimings,
    ...tracking,
  },
  (t) => [
    index('incidents_triggered_idx').on(t.triggeredAt),
    // A team's incidents by status, resolved ones in order of resolution: the open set, and the activity logs still to read.
    index('incidents_team_status_idx').on(t.teamId, t.status, t.resolvedAt),
    // What the statistics read, after the (team, time) prefix their windows select on, then the columns reports group
    // by (priority, severity, service, who acknowledged and resolved, the title's key): every statistic is an index-only scan.
    index('incidents_team_report_idx').on(
      t.teamId, t.triggeredMs, t.status, t.msToAck, t.msToResolve, t.deletedAt,
      t.priority, t.severity, t.serviceId, t.serviceName, t.acknowledgedBy, t.resolvedBy, t.titleKey,
    ),
    // The same (team, time) prefix with only what every statistic counts: a third of the report index's pages, which the
    // counting pass of a statistic per team reads instead (a whole-history summary of a million incidents on SQLite: 258 → 158 ms).
    index('incidents_team_count_idx').on(t.teamId, t.triggeredMs, t.status, t.msToAck, t.msToResolve, t.deletedAt),
    // Each team's durations in order, as on SQLite, whose percentiles over most of the history read them to skip a sort.
    // PostgreSQL's reports do not: it sorts an ordered-set aggregate's input whatever its order (see dialect.ts).
    index('incidents_ack_order_idx').on(t.teamId, t.msToAck, t.triggeredMs, t.deletedAt).where(sql`${t.msToAck} IS NOT NULL`),
    index('incidents_resolve_order_idx').on(t.teamId, t.msToResolve, t.triggeredMs, t.deletedAt).where(sql`${t.msToResolve} IS NOT NULL`),
  ],
);

export const oncallSchedules = pgTable(
  'oncall_schedules',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    timezone: text('timezone'),
    /** JSON array of user ids in the schedule, as text: the same value on both stores. */
    userIds: text('user_ids').notNull(),
    layerCount: integer('layer_count').notNull(),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    ...tracking,
  },
  (t) => [index('oncall_schedules_team_idx').on(t.teamId)],
);

/** Every team that lists a schedule; a schedule shared by teams keeps one row per team. */
export const oncallScheduleTeams = pgTable(
  'oncall_schedule_teams',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    scheduleId: text('schedule_id').notNull(),
    ...tracking,
  },
  (t) => [uniqueIndex('oncall_schedule_teams_schedule_team_idx').on(t.scheduleId, t.teamId), index('oncall_schedule_teams_team_idx').on(t.teamId)],
);

export const services = pgTable(
  'services',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    counterId: text('counter_id'),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    ...tracking,
  },
  (t) => [index('services_team_idx').on(t.teamId)],
);

/** The integration's token is a credential: it has no column, and `raw` carries a marker in its place. */
export const integrations = pgTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    slug: text('slug'),
    serviceId: text('service_id'),
    escalationId: text('escalation_id'),
    enabled: boolean('enabled'),
    repeatEscalation: boolean('repeat_escalation'),
    ackTimeoutMinutes: integer('ack_timeout_minutes'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    ...tracking,
  },
  (t) => [index('integrations_team_idx').on(t.teamId), index('integrations_service_idx').on(t.serviceId)],
);

export const escalationPolicies = pgTable(
  'escalation_policies',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    delayMinutes: integer('delay_minutes'),
    stepCount: integer('step_count').notNull(),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
    ...tracking,
  },
  (t) => [index('escalation_policies_team_idx').on(t.teamId)],
);

/** The users and schedules each step of a policy notifies. */
export const escalationPolicyTargets = pgTable(
  'escalation_policy_targets',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    policyId: text('policy_id').notNull(),
    step: integer('step').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    via: text('via'),
    ...tracking,
  },
  (t) => [index('escalation_policy_targets_policy_idx').on(t.policyId), index('escalation_policy_targets_target_idx').on(t.targetType, t.targetId), index('escalation_policy_targets_team_idx').on(t.teamId)],
);

/** Shifts as the worker saw them: an ended shift is history and is never rewritten. */
export const oncallShifts = pgTable(
  'oncall_shifts',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull(),
    teamId: text('team_id').notNull(),
    layerId: text('layer_id'),
    userId: text('user_id').notNull(),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    isOverride: boolean('is_override').notNull(),
    /** `observed` or `reconstructed`. */
    source: text('source').notNull(),
    ...tracking,
  },
  (t) => [index('oncall_shifts_schedule_start_idx').on(t.scheduleId, t.startAt), index('oncall_shifts_user_start_idx').on(t.userId, t.startAt), index('oncall_shifts_team_idx').on(t.teamId)],
);

export const oncallOverrides = pgTable(
  'oncall_overrides',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull(),
    teamId: text('team_id').notNull(),
    userId: text('user_id'),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    description: text('description'),
    timezone: text('timezone'),
    createdAt: instant('created_at'),
    ...tracking,
  },
  (t) => [index('oncall_overrides_schedule_end_idx').on(t.scheduleId, t.endAt), index('oncall_overrides_team_idx').on(t.teamId)],
);

/** Activity-log entries; who acknowledged and resolved an incident is derived from them. */
export const incidentEvents = pgTable(
  'incident_events',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull(),
    teamId: text('team_id').notNull(),
    type: text('type').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel'),
    userId: text('user_id'),
    message: text('message'),
    createdAt: instant('created_at').notNull(),
    /** `business`, `off_hours` or `sleep` when the entry interrupted a person; else null. */
    interruption: text('interruption'),
    ...tracking,
  },
  (t) => [index('incident_events_incident_idx').on(t.incidentId), index('incident_events_user_created_idx').on(t.userId, t.createdAt), index('incident_events_team_idx').on(t.teamId)],
);

/**
 * The activity-log queue: the resolution whose log was read, per incident. An incident resolved since (or
 * never read) is pending; a run cut short leaves the rest pending for the next.
 */
export const incidentActivityReads = pgTable('incident_activity_reads', {
  incidentId: text('incident_id').primaryKey(),
  teamId: text('team_id').notNull(),
  resolvedAt: instant('resolved_at').notNull(),
  readAt: instant('read_at').notNull(),
});

export const syncState = pgTable(
  'sync_state',
  {
    teamId: text('team_id').notNull(),
    stream: text('stream').notNull(),
    watermark: instant('watermark'),
    resumePage: integer('resume_page'),
    lastFullAt: instant('last_full_at'),
    lastSuccessAt: instant('last_success_at'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.stream] })],
);

export const syncRuns = pgTable('sync_runs', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
  trigger: text('trigger').notNull(),
  status: text('status').notNull(),
  full: boolean('full').notNull(),
  requests: integer('requests').notNull().default(0),
  /** What `plan` expected the run to cost, set as it starts: judged against `requests` afterwards. */
  estimatedRequests: integer('estimated_requests'),
  teamsOk: integer('teams_ok').notNull().default(0),
  teamsFailed: integer('teams_failed').notNull().default(0),
  pid: integer('pid'),
  /** The machine of the process that ran it: several workers may share one database. */
  hostname: text('hostname'),
  error: text('error'),
});

export const syncRunStreams = pgTable(
  'sync_run_streams',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    runId: integer('run_id').notNull(),
    teamId: text('team_id').notNull(),
    stream: text('stream').notNull(),
    status: text('status').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    pages: integer('pages').notNull(),
    requests: integer('requests').notNull(),
    rowsInserted: integer('rows_inserted').notNull(),
    rowsUpdated: integer('rows_updated').notNull(),
    rowsDeleted: integer('rows_deleted').notNull(),
    itemsSkipped: integer('items_skipped').notNull(),
    /** Entries stored whose type the worker does not know (activity logs): counted, not failed. */
    itemsUnknown: integer('items_unknown').notNull().default(0),
    firstSkipError: text('first_skip_error'),
    error: text('error'),
  },
  (t) => [index('sync_run_streams_run_idx').on(t.runId), index('sync_run_streams_team_stream_idx').on(t.teamId, t.stream)],
);

/** The synced entities by table name, as in the SQLite schema: each gets a writer on the store. */
export const entityTables = {
  teams,
  users,
  team_members: teamMembers,
  incidents,
  oncall_schedules: oncallSchedules,
  oncall_schedule_teams: oncallScheduleTeams,
  services,
  integrations,
  escalation_policies: escalationPolicies,
  escalation_policy_targets: escalationPolicyTargets,
  oncall_shifts: oncallShifts,
  oncall_overrides: oncallOverrides,
  incident_events: incidentEvents,
};

// Fails to compile, naming the difference, when a table's columns and the port's row type (src/db/store.ts) differ.
export const schemaMatchesRows: SchemaCheck<{ [T in keyof typeof entityTables]: InferInsertModel<(typeof entityTables)[T]> }> = true;
