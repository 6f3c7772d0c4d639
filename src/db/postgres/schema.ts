import { boolean, customType, index, integer, jsonb, pgTable, primaryKey, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { InferInsertModel } from 'drizzle-orm';
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
    ...tracking,
  },
  (t) => [
    index('incidents_triggered_idx').on(t.triggeredAt),
    index('incidents_team_status_idx').on(t.teamId, t.status),
    // What the reports read, after the (team, time) prefix their windows select on: statistics are index-only scans.
    index('incidents_team_facts_idx').on(t.teamId, t.triggeredAt, t.status, t.acknowledgedAt, t.resolvedAt, t.deletedAt),
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
};

// Fails to compile, naming the difference, when a table's columns and the port's row type (src/db/store.ts) differ.
export const schemaMatchesRows: SchemaCheck<{ [T in keyof typeof entityTables]: InferInsertModel<(typeof entityTables)[T]> }> = true;
