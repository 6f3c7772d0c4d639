import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { InferInsertModel } from 'drizzle-orm';
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
    ...tracking,
  },
  // (team_id, triggered_at) lookups use incidents_team_facts_idx, which migration 0001 creates for the reports.
  (t) => [
    index('incidents_triggered_idx').on(t.triggeredAt),
    index('incidents_team_status_idx').on(t.teamId, t.status),
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
