import type { IncidentTimings } from './incident-timings.js';
import type { SqlReader } from './sql-reader.js';

/**
 * `write` creates the store if needed and applies pending migrations (commands that sync).
 * `read` never creates, migrates or writes anything: a mistyped location must fail, not report on an empty store.
 */
export type StoreMode = 'write' | 'read';

// What the port speaks in, whichever database is behind it.
export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface DeleteOutcome {
  /** Rows now marked deleted. */
  deleted: number;
  /** Rows that vanished but were kept because deleting them looked like an API glitch. */
  withheld: number;
}

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
export type StreamStatus = 'running' | 'ok' | 'failed' | 'interrupted';

export interface StreamRecord {
  teamId: string;
  stream: string;
  status: StreamStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  pages: number;
  requests: number;
  rowsInserted: number;
  rowsUpdated: number;
  rowsDeleted: number;
  itemsSkipped: number;
  /** Items stored whose type the worker does not know (activity-log entries): counted, not failed. */
  itemsUnknown: number;
  firstSkipError: string | null;
  error: string | null;
}

export interface StreamState {
  watermark: string | null;
  resumePage: number | null;
  lastFullAt: string | null;
  lastSuccessAt: string | null;
}

export interface StreamStatusRow {
  team_id: string;
  team_name: string;
  stream: string;
  last_success_at: string | null;
  last_status: string | null;
  last_run_at: string | null;
  rows_written: number | null;
  requests: number | null;
  error: string | null;
}

/** `sync`: the run lock, held while a run writes. `worker`: held by the `start` process that runs the schedule. */
export type LockName = 'sync' | 'worker';

/**
 * What a mapper produces for each synced table: every typed column plus `raw`, the item's JSON text. Instants are
 * ISO-8601 UTC text, flags booleans. The store adds the bookkeeping (first_seen_at, synced_at, deleted_at). Each
 * store's schema is checked against these at compile time (see `SchemaMatchesRows`), so the two cannot drift.
 */
export interface TeamRow {
  id: string;
  name: string;
  uid: string | null;
  description: string | null;
  isDefault: boolean;
  isPrivate: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

export interface UserRow {
  id: string;
  firstName: string | null;
  lastName: string | null;
  name: string;
  email: string | null;
  role: string | null;
  timezone: string | null;
  removed: boolean;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

/** Membership as listed by the team's `/users`; `id` is `<team_id>:<user_id>` so every entity has one key. */
export interface TeamMemberRow {
  id: string;
  teamId: string;
  userId: string;
  raw: string;
}

export interface IncidentRow {
  id: string;
  teamId: string;
  counterId: string | null;
  title: string;
  status: string;
  priority: string | null;
  severity: string | null;
  triggeredAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  serviceId: string | null;
  serviceName: string | null;
  integrationId: string | null;
  integrationName: string | null;
  escalationId: string | null;
  escalationName: string | null;
  raw: string;
}

export interface OncallScheduleRow {
  id: string;
  teamId: string;
  name: string;
  description: string | null;
  timezone: string | null;
  /** JSON array of user ids in the schedule. */
  userIds: string;
  layerCount: number;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

/** Every team that lists a schedule: `id` is `<team_id>:<schedule_id>`. A schedule shared by teams has one row per team. */
export interface OncallScheduleTeamRow {
  id: string;
  teamId: string;
  scheduleId: string;
  raw: string;
}

export interface ServiceRow {
  id: string;
  teamId: string;
  counterId: string | null;
  name: string;
  description: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

/** An integration; its `token` is a credential and is stored nowhere (in `raw` it is replaced by a marker). */
export interface IntegrationRow {
  id: string;
  teamId: string;
  name: string;
  description: string | null;
  slug: string | null;
  serviceId: string | null;
  escalationId: string | null;
  enabled: boolean | null;
  repeatEscalation: boolean | null;
  ackTimeoutMinutes: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

export interface EscalationPolicyRow {
  id: string;
  teamId: string;
  name: string;
  description: string | null;
  delayMinutes: number | null;
  stepCount: number;
  createdAt: string | null;
  updatedAt: string | null;
  raw: string;
}

/** A user or schedule an escalation policy's step notifies: `id` is `<policy_id>:<step>:<rule>`. */
export interface EscalationPolicyTargetRow {
  id: string;
  teamId: string;
  policyId: string;
  /** 1-based step of the policy. */
  step: number;
  /** `user` or `oncall_schedule`. */
  targetType: string;
  targetId: string;
  /** The channel (`phone`, `sms`, `push-notification`, …) when the rule names one. */
  via: string | null;
  raw: string;
}

/**
 * One person's shift on a schedule: `id` is `<schedule_id>:<layer_id or override>:<user_id>:<start>`. A shift that
 * has ended is never rewritten. `source` is `observed` when it was read before it ended, `reconstructed` when it
 * was first read after.
 */
export interface OncallShiftRow {
  id: string;
  scheduleId: string;
  teamId: string;
  layerId: string | null;
  userId: string;
  startAt: string;
  endAt: string;
  isOverride: boolean;
  source: string;
  raw: string;
}

export interface OncallOverrideRow {
  id: string;
  scheduleId: string;
  teamId: string;
  userId: string | null;
  startAt: string;
  endAt: string;
  description: string | null;
  timezone: string | null;
  createdAt: string | null;
  raw: string;
}

/**
 * One entry of an incident's activity log. `kind` is what the worker understood of `type` (`triggered`,
 * `notification`, `acknowledged`, `resolved`, `escalated`, or `other` for a type it does not know);
 * `interruption` classes a notification that interrupted a person (`business`, `off_hours`, `sleep`), else null.
 */
export interface IncidentEventRow {
  id: string;
  incidentId: string;
  teamId: string;
  type: string;
  kind: string;
  channel: string | null;
  userId: string | null;
  message: string | null;
  createdAt: string;
  interruption: string | null;
  raw: string;
}

/** The synced tables by SQL name, with the row a mapper produces for each. */
export interface EntityRows {
  teams: TeamRow;
  users: UserRow;
  team_members: TeamMemberRow;
  incidents: IncidentRow;
  oncall_schedules: OncallScheduleRow;
  oncall_schedule_teams: OncallScheduleTeamRow;
  services: ServiceRow;
  integrations: IntegrationRow;
  escalation_policies: EscalationPolicyRow;
  escalation_policy_targets: EscalationPolicyTargetRow;
  oncall_shifts: OncallShiftRow;
  oncall_overrides: OncallOverrideRow;
  incident_events: IncidentEventRow;
}

/** A table of a synced entity, by its SQL name. */
export type EntityTable = keyof EntityRows;
/** What a mapper produces for an entity table. */
export type EntityRow<T extends EntityTable> = EntityRows[T];

// The store writes these itself: tracking, what the activity log derives, and the incident timings and title key it computes.
type Bookkeeping = 'firstSeenAt' | 'syncedAt' | 'deletedAt' | 'acknowledgedBy' | 'resolvedBy' | keyof IncidentTimings | 'titleKey';
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : { onlyInSchema: Exclude<keyof A, keyof B>; onlyInRow: Exclude<keyof B, keyof A> };
/**
 * `true` for each table when a schema's columns (as drizzle infers them, bookkeeping aside) are exactly the
 * row's fields; otherwise a type naming the difference, which fails the schema's `satisfies` check.
 */
export type SchemaMatchesRows<Models extends Record<EntityTable, object>> = { [T in EntityTable]: SameKeys<Omit<Models[T], Bookkeeping>, EntityRows[T]> };
/** `true` when every table matches; otherwise the per-table result, so assigning `true` to it fails naming the difference. */
export type SchemaCheck<Models extends Record<EntityTable, object>> = SchemaMatchesRows<Models> extends Record<EntityTable, true> ? true : SchemaMatchesRows<Models>;

/** Writes one table's rows, as produced by a mapper; the store adds the bookkeeping columns. */
export interface EntityWriter<Row> {
  readonly table: string;
  /** Inserts new rows, rewrites changed or revived ones, leaves identical ones untouched. */
  upsert(rows: readonly Row[], now: string): Promise<WriteCounts>;
  /**
   * Soft-deletes the live rows of one scope (e.g. a team) whose ids were not in a complete listing.
   * More than `maxFraction` (default half) of the scope vanishing at once is withheld unless `force`.
   */
  markMissing(scope: { column: string; value: string } | null, seen: ReadonlySet<string>, now: string, options: { force: boolean; maxFraction?: number }): Promise<DeleteOutcome>;
}

/** What may run inside a transaction: the writes that commit together with a page. */
export interface StoreWrites {
  /** The writer of an entity table. */
  writer<T extends EntityTable>(table: T): EntityWriter<EntityRow<T>>;
  /** Merges `patch` into a stream's checkpoint; write it in the transaction of the page it describes. */
  saveStreamState(teamId: string, stream: string, patch: Partial<StreamState>, now: string): Promise<void>;
  /** Marks users who vanished from the organisation removed and ends every membership of a user who left. */
  recordDepartedUsers(now: string): Promise<{ usersRemoved: number; membershipsEnded: number }>;
  /** Records that an incident's activity log was read for its current resolution; write it with the log's events. */
  markActivityRead(read: ActivityRead, now: string): Promise<void>;
  /** Sets `incidents.acknowledged_by` / `resolved_by` from the incident's activity log. */
  setIncidentResponders(incidentId: string, responders: IncidentResponders): Promise<void>;
  /**
   * Soft-deletes a schedule's live shifts or overrides inside `window` that a read covering it did not return
   * (`seen`); rows outside it stay as they are. Returns how many it marked.
   */
  markVanishedInWindow(what: 'shifts' | 'overrides', scheduleId: string, window: ScheduleWindow, seen: ReadonlySet<string>, now: string): Promise<number>;
  /**
   * Sets the requests a running stream (its ledger row from `beginStream`) has sent so far. Written in the
   * transaction of each page the stream commits, a page's requests are never lost with a crash after it.
   */
  saveStreamRequests(rowId: number, requests: number): Promise<void>;
}

/**
 * What a committed page records about its stream, beside its rows: the checkpoint it moves the stream to (merged as
 * `saveStreamState` merges it) and the requests the stream has sent so far (as `saveStreamRequests` records them).
 */
export interface StreamProgress {
  checkpoint?: { teamId: string; stream: string; patch: Partial<StreamState> };
  requests?: { rowId: number; sent: number };
}

/** A resolved incident whose activity log is still to be read for its current resolution. */
export interface PendingActivity {
  id: string;
  counterId: string | null;
  resolvedAt: string;
}

/** A place in the activity-log queue: after this resolution time, and after this id at that time. */
export interface ActivityCursor {
  resolvedAt: string;
  id: string;
}

export interface ActivityRead {
  incidentId: string;
  teamId: string;
  /** The resolution the log was read for: a later resolve makes the incident pending again. */
  resolvedAt: string;
}

export interface IncidentResponders {
  acknowledgedBy: string | null;
  resolvedBy: string | null;
}

/** A live on-call schedule a team owns, as the shifts and overrides streams walk them. */
export interface StoredSchedule {
  id: string;
  teamId: string;
  /** Whether any shift of it was ever stored: one without any is first reconstructed from the past. */
  hasShifts: boolean;
}

/** The span a schedule's read covered, on the rows' `start_at` and `end_at` (all bounds exclusive). */
export interface ScheduleWindow {
  startsBefore: string;
  startsAfter?: string;
  endsAfter?: string;
}

export interface OpenIncidentRef {
  id: string;
  counterId: string | null;
}

/** What a run's ledger row starts with. */
export interface RunStart {
  trigger: 'cli' | 'cron';
  full: boolean;
  now: string;
  pid: number;
  /** The requests the plan expected the run to send, kept beside what it sends; null (or absent) when it could not tell. */
  estimatedRequests?: number | null;
}

/** A run as `status --runs` lists it: its outcome, and the requests it sent beside those its plan estimated. */
export interface RunSummary {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  trigger: string;
  status: RunStatus;
  full: boolean;
  requests: number;
  estimatedRequests: number | null;
  error: string | null;
}

/** A team's stored incidents as the request plan counts them (see Store.countIncidents). */
export interface IncidentCounts {
  stored: number;
  triggeredSince: number;
  triggeredRecently: number;
  resolvedRecently: number;
}

/** One checkpoint row: a stream of a team (or of the organisation, `*`). */
export interface StoredStreamState extends StreamState {
  teamId: string;
  stream: string;
}

/** The run ledger: every run, and every team and stream within it. */
export interface RunLedger {
  startRun(input: RunStart): Promise<number>;
  /** The stream's row, written as `running` before it sends anything, so a crash or a full disk still leaves one. */
  beginStream(runId: number, input: { teamId: string; stream: string; startedAt: string }): Promise<number>;
  finishStream(rowId: number, record: StreamRecord): Promise<void>;
  finishRun(runId: number, outcome: { status: Exclude<RunStatus, 'running'>; requests: number; teamsOk: number; teamsFailed: number; error: string | null; now: string }): Promise<void>;
  /**
   * Marks runs and streams left `running` by a process that died, each run with the requests its streams recorded;
   * call it holding the run lock.
   */
  closeAbandonedRuns(now: string): Promise<number>;
  /** Requests recorded by streams that started at or after `since`: what counts against a monthly budget. */
  countRequestsSince(since: string): Promise<number>;
  /** The latest `limit` runs, newest first. */
  listRecentRuns(limit: number): Promise<RunSummary[]>;
  /** Milliseconds per request over the latest successful streams (time to answer and to store), or null before any. */
  meanRequestMs(): Promise<number | null>;
}

/** Indexes set aside for a first backfill, until `build` makes them, one at a time. */
export interface DeferredIndexes {
  readonly names: readonly string[];
  /** False when `signal` stopped it between two indexes: the rest stay aside, for the next run. */
  build(signal?: AbortSignal): Promise<boolean>;
}

/** A team, or the organisation, held by this process while it syncs it. */
export interface Claim {
  release(): Promise<void>;
}

export interface StoreLock {
  /** Proves the holder is alive; a lock whose heartbeat is older than the stale limit can be taken over. */
  heartbeat(now: string): Promise<void>;
  release(): Promise<void>;
}

/**
 * The one door to the store that jobs, commands and reports use, whatever the database behind it.
 * Every call is asynchronous. Driver errors come out as StoreError.
 */
export interface Store extends StoreWrites {
  readonly kind: 'sqlite' | 'postgres';
  /** Where the store is, safe to print (a path, or a URL without its password). */
  readonly location: string;
  /** Read-only SQL for reports. */
  readonly reader: SqlReader;
  /** Runs `fn` in one transaction: everything it writes through `tx` commits together, or nothing does. */
  transaction<T>(fn: (tx: StoreWrites) => Promise<T>): Promise<T>;
  /**
   * Upserts one page of a table's rows and writes the stream's `progress` with them: all of it commits, or none
   * does. The transaction of `upsert`, `saveStreamState` and `saveStreamRequests`, in as few round trips as the
   * store can make it (PostgreSQL: one statement).
   */
  writePage<T extends EntityTable>(table: T, rows: readonly EntityRow<T>[], now: string, progress: StreamProgress): Promise<WriteCounts>;
  readonly ledger: RunLedger;
  readStreamState(teamId: string, stream: string): Promise<StreamState>;
  /** Incidents the store holds as open (NACK or ACK) for a team. */
  listStoredOpenIncidents(teamId: string): Promise<OpenIncidentRef[]>;
  /** Of these incident ids, the ones stored under a team other than `teamId`, with that team. */
  findIncidentsOfOtherTeams(teamId: string, ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Up to `limit` of the team's live resolved incidents whose activity log was not read for their current
   * resolution, in (resolved_at, id) order after `after` (start at `{ resolvedAt: since, id: '' }`).
   */
  listPendingActivity(teamId: string, after: ActivityCursor, limit: number): Promise<PendingActivity[]>;
  /** Every user's time zone, and the zone of one of the team's schedules: where interruptions are classed. */
  readActivityZones(teamId: string): Promise<{ users: Map<string, string>; schedule: string | null }>;
  /**
   * The live on-call schedules the team owns (`oncall_schedules.team_id`; a schedule it is only linked to through
   * `oncall_schedule_teams` is read for its owner), by id, each with whether any shift of it was ever stored.
   */
  listStoredSchedules(teamId: string): Promise<StoredSchedule[]>;
  /** Of `ids`, those of a schedule's stored shifts (deleted ones too) that had ended by `now`: history no read rewrites. */
  listEndedShiftIds(scheduleId: string, ids: readonly string[], now: string): Promise<string[]>;
  /**
   * A team's live incidents: how many, how many triggered at or after `sinceMs` (epoch ms), and how many were
   * triggered, and resolved, at or after `rateSinceMs`.
   */
  countIncidents(teamId: string, bounds: { sinceMs: number; rateSinceMs: number }): Promise<IncidentCounts>;
  /** How many activity logs of the team `syncActivity` would read from `since` on, one request each. */
  countPendingActivity(teamId: string, since: string): Promise<number>;
  /** Every stream checkpoint (sync_state). */
  listStreamStates(): Promise<StoredStreamState[]>;
  /** Live teams already in the store: the fallback when the team listing fails. */
  listStoredTeams(): Promise<{ id: string; name: string }[]>;
  /** When each team's `stream` last completed (teams that never did are absent). */
  listLastSuccess(stream: string): Promise<Map<string, string>>;
  /**
   * The latest ledger entry and last success of every (team, stream) a run has touched, and of every
   * `expectedTeamStreams` of each live team, so a stream that never ran shows as never succeeded.
   */
  listStreamStatus(expectedTeamStreams: readonly string[]): Promise<StreamStatusRow[]>;
  /**
   * Takes one of the store's locks (`sync`: a run is writing; `worker`: a `start` owns the schedule), or throws
   * RunLockedError naming the holder. A lock left by a process that died, or whose heartbeat is older than
   * `staleMs`, is taken over.
   */
  acquireLock(name: LockName, options: { now: Date; staleMs: number; pid?: number }): Promise<StoreLock>;
  /**
   * Holds `scope` (a team id, or `*` for the organisation's streams) for this process until released or the
   * process dies, so that workers sharing the store never sync the same thing at once. Null when another
   * process holds it, or, with `wait`, once `signal` stops the wait. Where one process writes at a time
   * (SQLite's run lock), every claim succeeds at once.
   */
  claim(scope: string, options?: { wait?: boolean; signal?: AbortSignal }): Promise<Claim | null>;
  /** Whether every one of `streams` of `scope` has a finished attempt (ok or failed) that started after `since`: done this tick. */
  allDoneSince(scope: string, streams: readonly string[], since: string): Promise<boolean>;
  /**
   * Before a run writes: sets aside the incident indexes that serve reports when the store holds no incident yet (a
   * first backfill), or keeps aside those a run that did not finish left so; null when nothing is set aside. Reports
   * stay correct meanwhile, only slower. PostgreSQL keeps its indexes: always null.
   */
  deferReportIndexes(): Promise<DeferredIndexes | null>;
  /** The indexes set aside for a first backfill and not built yet (empty on PostgreSQL): `status` shows them. */
  listDeferredIndexes(): Promise<string[]>;
  close(): Promise<void>;
}
