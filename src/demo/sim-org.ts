import { epochHex } from './ids.js';
import { buildIncident, counterNumber } from './incident-shape.js';
import { GENERIC_ALERTS } from './names.js';
import type { Rng } from './rng.js';

export type Json = Record<string, unknown>;

/** A simulated organisation, held as wire-shaped JSON (spike-api.md section 5) so routes only filter. */
export interface SimOrg {
  orgInfo: Json;
  teams: Json[];
  /** Includes removed members (`removed: true`, `teams: []`). */
  members: Json[];
  /** 5.3 items; `team` is the team `_id`. */
  incidents: Json[];
  oncalls: Json[];
  overrides: Json[];
  /** Explicit activity logs by incident `_id`; incidents without an entry get one derived from their state. */
  activityLogs: Map<string, Json[]>;
  /**
   * Incidents that other teams' listings serve too, by incident `_id` (the teams besides the one its
   * `team` field names), as when one incident is routed to two teams.
   */
  alsoListedUnder?: Map<string, string[]>;
  /** 5.7–5.9 records. Optional so that hand-built orgs can leave them out. */
  services?: Json[];
  integrations?: Json[];
  escalations?: Json[];
}

export function findTeam(org: SimOrg, teamId: string): Json | undefined {
  return org.teams.find((team) => team['_id'] === teamId);
}

export function findIncidents(org: SimOrg, teamId: string): Json[] {
  return org.incidents.filter((inc) => inc['team'] === teamId);
}

/** Appends `count` new NACK incidents triggered at `at`, with fresh ids and the team's next counterIds. */
export function addIncidents(org: SimOrg, teamId: string, count: number, rng: Rng, at: Date): Json[] {
  const team = findTeam(org, teamId);
  if (team === undefined) throw new Error(`Unknown team ${teamId}`);
  const existing = findIncidents(org, teamId);
  const usedIds = new Set(org.incidents.map((inc) => String(inc['_id'])));
  let counter = existing.reduce((max, inc) => Math.max(max, counterNumber(inc['counterId'])), 0);
  const nackAt = at.toISOString();
  const created: Json[] = [];
  for (let i = 0; i < count; i++) {
    counter += 1;
    const like = existing.length > 0 ? rng.pick(existing) : undefined;
    const inc = buildIncident({
      id: freshId(usedIds, rng, at.getTime()),
      counterId: `${String(team['uid'] ?? 'inc')}-${counter}`,
      message: rng.pick(GENERIC_ALERTS),
      teamId,
      nackAt,
      metadata: (like?.['metadata'] as Json | undefined) ?? { alert_source: 'Simulator' },
      links: [],
      escalation: like?.['escalation'] as Json | undefined,
      integration: like?.['integration'] as Json | undefined,
      service: like?.['service'] as Json | undefined,
      groupedIncident: { priority: rng.pick(['p1', 'p2', 'p3', 'p4', 'p5']), notes: [], comments: [] },
    });
    created.push(inc);
    org.incidents.push(inc);
  }
  return created;
}

function freshId(used: Set<string>, rng: Rng, timeMs: number): string {
  for (;;) {
    const id = epochHex(timeMs) + rng.hex(16);
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

export function acknowledgeIncident(inc: Json, at: Date): Json {
  const iso = at.toISOString();
  inc['status'] = 'ACK';
  inc['ACK_at'] = iso;
  delete inc['RES_at'];
  inc['updatedAt'] = iso;
  return inc;
}

/** Back to triggered, as after an unacknowledge or an ack timeout. */
export function unacknowledgeIncident(inc: Json, at: Date): Json {
  inc['status'] = 'NACK';
  delete inc['ACK_at'];
  delete inc['RES_at'];
  inc['updatedAt'] = at.toISOString();
  return inc;
}

/** Resolves without touching ACK_at: incidents can be resolved without ever being acknowledged. */
export function resolveIncident(inc: Json, at: Date): Json {
  const iso = at.toISOString();
  inc['status'] = 'RES';
  inc['RES_at'] = iso;
  inc['updatedAt'] = iso;
  return inc;
}

export function setPriority(inc: Json, priority: string | null, at: Date = new Date()): Json {
  return setGroupedField(inc, 'priority', priority, at);
}

export function setSeverity(inc: Json, severity: string | null, at: Date = new Date()): Json {
  return setGroupedField(inc, 'severity', severity, at);
}

function setGroupedField(inc: Json, key: string, value: string | null, at: Date): Json {
  const current = inc['groupedIncident'];
  const grouped: Json = typeof current === 'object' && current !== null ? (current as Json) : {};
  if (value === null) delete grouped[key];
  else grouped[key] = value;
  inc['groupedIncident'] = grouped;
  inc['updatedAt'] = at.toISOString();
  return inc;
}

/** Generated incidents share one frozen empty notes array, so a note replaces the array instead of pushing. */
export function addNote(inc: Json, content: string, user: unknown, at: Date): Json {
  const current = inc['groupedIncident'];
  const grouped: Json = typeof current === 'object' && current !== null ? (current as Json) : { comments: [] };
  const notes = Array.isArray(grouped['notes']) ? (grouped['notes'] as unknown[]) : [];
  const iso = at.toISOString();
  grouped['notes'] = [...notes, { content, createdAt: iso, user }];
  inc['groupedIncident'] = grouped;
  inc['updatedAt'] = iso;
  return inc;
}

export function setTitle(inc: Json, message: string, at: Date = new Date()): Json {
  inc['message'] = message;
  inc['updatedAt'] = at.toISOString();
  return inc;
}

/** Marks a member removed the way /orgs/members reports it and drops them from every team. */
export function removeMember(org: SimOrg, userId: string, at: Date = new Date()): Json | undefined {
  const member = org.members.find((m) => m['_id'] === userId);
  if (member === undefined) return undefined;
  const iso = at.toISOString();
  member['removed'] = true;
  member['teams'] = [];
  member['updatedAt'] = iso;
  for (const team of org.teams) {
    const users = team['users'];
    if (Array.isArray(users) && users.includes(userId)) {
      team['users'] = users.filter((id) => id !== userId);
      team['updatedAt'] = iso;
    }
  }
  return member;
}
