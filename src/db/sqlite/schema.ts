import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql, type InferInsertModel } from 'drizzle-orm';
import type { SchemaCheck } from '../store.js';

/**
 * Columns every synced entity carries: the item's raw JSON next to the typed columns, and
 * soft-delete bookkeeping. Timestamps are ISO-8601 UTC text.
 */
const tracking = {
  raw: text('raw').notNull(),
  firstSeenAt: text('first_seen_at').notNull(),
  syncedAt: text('synced_at').notNull(),
  deletedAt: text('deleted_at'),
};

/**
 * An incident's instants as epoch milliseconds and its durations in whole milliseconds, computed by the store as it
 * writes the row (see `COMPUTED_COLUMNS`): reports read numbers instead of parsing ISO text on every query.
 * `ms_to_resolve` is set only while the incident is resolved.
 */
const reportTimings = {
  triggeredMs: integer('triggered_ms'),
  acknowledgedMs: integer('acknowledged_ms'),
  resolvedMs: integer('resolved_ms'),
  msToAck: integer('ms_to_ack'),
  msToResolve: integer('ms_to_resolve'),
  /** Stands for the title in the report index (src/db/title-key.ts). */
  titleKey: integer('title_key'),
};

export const teams = sqliteTable('teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  uid: text('uid'),
  description: text('description'),
  isDefault: integer('is_default', { mode: 'boolean' }).notNull(),
  isPrivate: integer('is_private', { mode: 'boolean' }).notNull(),
  createdAt: text('created_at'),
  updatedAt: text('updated_at'),
  ...tracking,
});

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    name: text('name').notNull(),
    email: text('email'),
    role: text('role'),
    timezone: text('timezone'),
    removed: integer('removed', { mode: 'boolean' }).notNull(),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    ...tracking,
  },
  (t) => [index('users_email_idx').on(t.email)],
);

/** Membership as listed by the team's `/users`; `id` is `<team_id>:<user_id>` so every entity has one key. */
export const teamMembers = sqliteTable(
  'team_members',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    userId: text('user_id').notNull(),
    ...tracking,
  },
  (t) => [uniqueIndex('team_members_team_user_idx').on(t.teamId, t.userId), index('team_members_user_idx').on(t.userId)],
);

export const incidents = sqliteTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    counterId: text('counter_id'),
    title: text('title').notNull(),
    status: text('status').notNull(),
    priority: text('priority'),
    severity: text('severity'),
    triggeredAt: text('triggered_at').notNull(),
    acknowledgedAt: text('acknowledged_at'),
    resolvedAt: text('resolved_at'),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
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
    // Each team's durations in order, for percentiles over most of the history: read in order, they need no sort.
    index('incidents_ack_order_idx').on(t.teamId, t.msToAck, t.triggeredMs, t.deletedAt).where(sql`${t.msToAck} IS NOT NULL`),
    index('incidents_resolve_order_idx').on(t.teamId, t.msToResolve, t.triggeredMs, t.deletedAt).where(sql`${t.msToResolve} IS NOT NULL`),
    // Each team's incidents by service and title: the reports that count titles (noisy, the noisiest title of each service)
    // group by these columns in this order, so they read it without a sort (noisy over a million incidents: 1.7 s to 0.4 s).
    index('incidents_title_count_idx').on(t.teamId, t.serviceId, t.serviceName, t.titleKey, t.triggeredMs, t.deletedAt),
    // The open incidents alone, oldest first, with every column the open report lists: it reads them in order from here,
    // neither the wide rows nor a sort (a million incidents with 100,000 open: 1.0–1.5 s down to 0.7 s in process).
    index('incidents_open_order_idx')
      .on(t.triggeredAt, t.id, t.teamId, t.status, t.counterId, t.title, t.priority, t.severity, t.deletedAt)
      .where(sql`${t.status} IN ('NACK', 'ACK') AND ${t.deletedAt} IS NULL`),
  ],
);

export const oncallSchedules = sqliteTable(
  'oncall_schedules',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    timezone: text('timezone'),
    /** JSON array of user ids in the schedule. */
    userIds: text('user_ids').notNull(),
    layerCount: integer('layer_count').notNull(),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    ...tracking,
  },
  (t) => [index('oncall_schedules_team_idx').on(t.teamId)],
);

/** Every team that lists a schedule; a schedule shared by teams keeps one row per team. */
export const oncallScheduleTeams = sqliteTable(
  'oncall_schedule_teams',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    scheduleId: text('schedule_id').notNull(),
    ...tracking,
  },
  (t) => [uniqueIndex('oncall_schedule_teams_schedule_team_idx').on(t.scheduleId, t.teamId), index('oncall_schedule_teams_team_idx').on(t.teamId)],
);

export const services = sqliteTable(
  'services',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    counterId: text('counter_id'),
    name: text('name').notNull(),
    description: text('description'),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    ...tracking,
  },
  (t) => [index('services_team_idx').on(t.teamId)],
);

/** The integration's token is a credential: it has no column, and `raw` carries a marker in its place. */
export const integrations = sqliteTable(
  'integrations',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    slug: text('slug'),
    serviceId: text('service_id'),
    escalationId: text('escalation_id'),
    enabled: integer('enabled', { mode: 'boolean' }),
    repeatEscalation: integer('repeat_escalation', { mode: 'boolean' }),
    ackTimeoutMinutes: integer('ack_timeout_minutes'),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    ...tracking,
  },
  (t) => [index('integrations_team_idx').on(t.teamId), index('integrations_service_idx').on(t.serviceId)],
);

export const escalationPolicies = sqliteTable(
  'escalation_policies',
  {
    id: text('id').primaryKey(),
    teamId: text('team_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    delayMinutes: integer('delay_minutes'),
    stepCount: integer('step_count').notNull(),
    createdAt: text('created_at'),
    updatedAt: text('updated_at'),
    ...tracking,
  },
  (t) => [index('escalation_policies_team_idx').on(t.teamId)],
);

/** The users and schedules each step of a policy notifies. */
export const escalationPolicyTargets = sqliteTable(
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
export const oncallShifts = sqliteTable(
  'oncall_shifts',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull(),
    teamId: text('team_id').notNull(),
    layerId: text('layer_id'),
    userId: text('user_id').notNull(),
    startAt: text('start_at').notNull(),
    endAt: text('end_at').notNull(),
    isOverride: integer('is_override', { mode: 'boolean' }).notNull(),
    /** `observed` or `reconstructed`. */
    source: text('source').notNull(),
    ...tracking,
  },
  (t) => [index('oncall_shifts_schedule_start_idx').on(t.scheduleId, t.startAt), index('oncall_shifts_user_start_idx').on(t.userId, t.startAt), index('oncall_shifts_team_idx').on(t.teamId)],
);

export const oncallOverrides = sqliteTable(
  'oncall_overrides',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id').notNull(),
    teamId: text('team_id').notNull(),
    userId: text('user_id'),
    startAt: text('start_at').notNull(),
    endAt: text('end_at').notNull(),
    description: text('description'),
    timezone: text('timezone'),
    createdAt: text('created_at'),
    ...tracking,
  },
  (t) => [index('oncall_overrides_schedule_end_idx').on(t.scheduleId, t.endAt), index('oncall_overrides_team_idx').on(t.teamId)],
);

/** Activity-log entries; who acknowledged and resolved an incident is derived from them. */
export const incidentEvents = sqliteTable(
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
    createdAt: text('created_at').notNull(),
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
export const incidentActivityReads = sqliteTable('incident_activity_reads', {
  incidentId: text('incident_id').primaryKey(),
  teamId: text('team_id').notNull(),
  resolvedAt: text('resolved_at').notNull(),
  readAt: text('read_at').notNull(),
});

/** Checkpoint per (team, stream), written in the same transaction as the page it describes. */
/**
 * The synced entities by table name: each gets a writer on the store (`tx.writer('incidents')`) and its row
 * type (`EntityRow<'incidents'>`), so a new entity is its table here, its migration, a mapper and a stream.
 */
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

export const syncState = sqliteTable(
  'sync_state',
  {
    teamId: text('team_id').notNull(),
    stream: text('stream').notNull(),
    /** Newest `triggered_at` stored for the team: where the next incremental read may stop. */
    watermark: text('watermark'),
    /** Next page of an unfinished backfill or full read; null when none is under way. */
    resumePage: integer('resume_page'),
    /** When the last complete read of every page started (backfill or full reconciliation). */
    lastFullAt: text('last_full_at'),
    lastSuccessAt: text('last_success_at'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.stream] })],
);

export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** `cli` or `cron`. */
  trigger: text('trigger').notNull(),
  /** `running`, then `ok`, `partial`, `failed` or `interrupted`. */
  status: text('status').notNull(),
  full: integer('full', { mode: 'boolean' }).notNull(),
  requests: integer('requests').notNull().default(0),
  /** What `plan` expected the run to cost, set as it starts: judged against `requests` afterwards. */
  estimatedRequests: integer('estimated_requests'),
  teamsOk: integer('teams_ok').notNull().default(0),
  teamsFailed: integer('teams_failed').notNull().default(0),
  pid: integer('pid'),
  /** The machine of the process that ran it: several workers may share one PostgreSQL store. */
  hostname: text('hostname'),
  error: text('error'),
});

export const syncRunStreams = sqliteTable(
  'sync_run_streams',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    runId: integer('run_id').notNull(),
    /** The team, or `*` for organisation-wide streams (teams, org members). */
    teamId: text('team_id').notNull(),
    stream: text('stream').notNull(),
    /** `running`, then `ok`, `failed` or `interrupted`. */
    status: text('status').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
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

/** At most two rows: `sync`, the process writing to the store right now, and `worker`, the `start` process that runs the schedule. */
export const syncLock = sqliteTable('sync_lock', {
  name: text('name').primaryKey(),
  pid: integer('pid').notNull(),
  hostname: text('hostname').notNull(),
  acquiredAt: text('acquired_at').notNull(),
  heartbeatAt: text('heartbeat_at').notNull(),
});
