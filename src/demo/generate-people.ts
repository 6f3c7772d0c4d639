import { between, DAY_MS, iso, type GenContext } from './gen-context.js';
import { FIRST_NAMES, LAST_NAMES, ROLE_WEIGHTS, ROLES, TEAM_NAMES, TIMEZONES } from './names.js';
import { pickWeighted } from './rng.js';
import type { Json } from './sim-org.js';

export function generateTeams(ctx: GenContext, count: number): Json[] {
  const teams: Json[] = [];
  for (let i = 0; i < count; i++) {
    const base = TEAM_NAMES[i] ?? { name: `Team ${i + 1}`, uid: `team${i + 1}`, desc: '' };
    const createdAt = ctx.orgCreatedAt + (i % 300) * DAY_MS + between(ctx, 0, DAY_MS);
    teams.push({
      _id: ctx.ids.next(createdAt),
      name: base.name,
      uid: base.uid,
      desc: base.desc,
      default: i === 0,
      private: i > 0 && ctx.rng.chance(0.1),
      users: [] as string[],
      createdAt: iso(createdAt),
      updatedAt: iso(between(ctx, ctx.now - 120 * DAY_MS, ctx.now)),
    });
  }
  return teams;
}

/**
 * Each team gets `usersPerTeam` primary members, a quarter of whom also join a second team, plus two
 * removed members, so that /orgs/members and /users disagree the way they do on real orgs.
 */
export function generateMembers(ctx: GenContext, teams: Json[], usersPerTeam: number): Json[] {
  const members: Json[] = [];
  const emails = new Set<string>();
  teams.forEach((team, t) => {
    for (let u = 0; u < usersPerTeam; u++) {
      const teamIds = [String(team['_id'])];
      const other = teams[ctx.rng.int(0, teams.length - 1)];
      if (other !== undefined && other !== team && ctx.rng.chance(0.25)) teamIds.push(String(other['_id']));
      const role = t === 0 && u === 0 ? 'admin' : (ROLES[pickWeighted(ctx.rng, ROLE_WEIGHTS)] ?? 'responder');
      members.push(buildMember(ctx, emails, role, teamIds, false));
    }
  });
  members.push(buildMember(ctx, emails, 'responder', [], true));
  members.push(buildMember(ctx, emails, 'viewer', [], true));
  for (const member of members) {
    for (const teamId of member['teams'] as string[]) {
      const team = teams.find((candidate) => candidate['_id'] === teamId);
      (team?.['users'] as string[] | undefined)?.push(String(member['_id']));
    }
  }
  return members;
}

function buildMember(ctx: GenContext, emails: Set<string>, role: string, teams: string[], removed: boolean): Json {
  const firstName = ctx.rng.pick(FIRST_NAMES);
  const lastName = ctx.rng.pick(LAST_NAMES);
  const local = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
  let email = `${local}@acme.example`;
  for (let n = 2; emails.has(email); n++) email = `${local}${n}@acme.example`;
  emails.add(email);
  const createdAt = between(ctx, ctx.orgCreatedAt, ctx.now - ctx.historyDays * DAY_MS);
  const member: Json = {
    _id: ctx.ids.next(createdAt),
    firstName,
    lastName,
    email,
    role,
    removed,
    teams,
    timezone: ctx.rng.pick(TIMEZONES),
  };
  if (!removed) member['profile'] = { baseUrl: 'https://cdn.spike.sh/', avatar: `a/${email.split('@')[0]}.png` };
  member['createdAt'] = iso(createdAt);
  member['updatedAt'] = iso(between(ctx, createdAt, ctx.now));
  return member;
}
