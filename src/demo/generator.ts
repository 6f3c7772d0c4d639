import { generateCatalog } from './generate-catalog.js';
import { generateTeamIncidents } from './generate-incidents.js';
import { generateOncalls, generateOverrides, shareFirstSchedule } from './generate-oncalls.js';
import { generateMembers, generateTeams } from './generate-people.js';
import { createGenContext, iso, type GenContext } from './gen-context.js';
import { createRng } from './rng.js';
import type { Json, SimOrg } from './sim-org.js';

export interface GenerateOrgOptions {
  seed?: number;
  /** Defaults to the length of `incidentsPerTeam` when that is an array, else 5. */
  teams?: number;
  usersPerTeam?: number;
  /** One count for every team, or one per team (missing entries mean 0). */
  incidentsPerTeam?: number | number[];
  oncallsPerTeam?: number;
  now?: Date;
  historyDays?: number;
  /** This many of the first team's incidents are also listed under the second team (as if routed to both). */
  sharedIncidents?: number;
  /** The first team's first schedule is also the second team's (as a rota two teams page). */
  sharedSchedule?: boolean;
}

/** Fixed so that the same seed gives byte-identical output whenever it runs. */
export const DEFAULT_NOW = new Date('2026-11-20T12:00:00.000Z');

export function generateOrg(opts: GenerateOrgOptions = {}): SimOrg {
  const perTeam = opts.incidentsPerTeam ?? 500;
  const teamCount = opts.teams ?? (Array.isArray(perTeam) ? perTeam.length : 5);
  const now = (opts.now ?? DEFAULT_NOW).getTime();
  const ctx = createGenContext(createRng(opts.seed ?? 1), now, opts.historyDays ?? 180);
  const org: SimOrg = {
    orgInfo: { _id: ctx.ids.next(ctx.orgCreatedAt), name: 'Acme', plan: 'business', createdAt: iso(ctx.orgCreatedAt) },
    teams: generateTeams(ctx, teamCount),
    members: [],
    incidents: [],
    oncalls: [],
    overrides: [],
    activityLogs: new Map(),
    services: [],
    integrations: [],
    escalations: [],
  };
  org.members = generateMembers(ctx, org.teams, opts.usersPerTeam ?? 6);
  org.teams.forEach((team, i) => {
    const count = Array.isArray(perTeam) ? (perTeam[i] ?? 0) : perTeam;
    populateTeam(ctx, org, team, count, opts.oncallsPerTeam ?? 1);
  });
  if (opts.sharedSchedule === true) shareFirstSchedule(org.oncalls, org.teams);
  shareIncidents(org, opts.sharedIncidents ?? 0);
  return org;
}

function shareIncidents(org: SimOrg, count: number): void {
  const [first, second] = org.teams.map((team) => String(team['_id']));
  if (count === 0 || first === undefined || second === undefined) return;
  const shared = org.incidents.filter((inc) => inc['team'] === first).slice(0, count);
  org.alsoListedUnder = new Map(shared.map((inc) => [String(inc['_id']), [second]]));
}

function populateTeam(ctx: GenContext, org: SimOrg, team: Json, incidentCount: number, oncallCount: number): void {
  const teamId = team['_id'];
  const members = org.members.filter((m) => m['removed'] !== true && (m['teams'] as string[]).includes(String(teamId)));
  const schedules = generateOncalls(ctx, team, members.map((m) => String(m['_id'])), oncallCount);
  org.oncalls.push(...schedules);
  for (const schedule of schedules) org.overrides.push(...generateOverrides(ctx, schedule));
  const catalog = generateCatalog(ctx, team, schedules);
  org.services?.push(...catalog.services);
  org.integrations?.push(...catalog.integrations);
  org.escalations?.push(...catalog.escalations);
  const incidents = generateTeamIncidents(ctx, team, catalog.sources, members, incidentCount);
  // A loop rather than push(...spread): a team may hold more incidents than the call stack allows arguments.
  for (const inc of incidents) org.incidents.push(inc);
}
