import type { EntityRow, OncallScheduleRow, TeamMemberRow, TeamRow, UserRow } from '../../db/index.js';
import { storedJson } from '../../lib/secret-fields.js';
import { MAX_CODE_LENGTH, MAX_NAME_LENGTH, attempt, boundedText, idList, objectItem, optionalTime, requireId, type Mapped } from './fields.js';

export type { OncallScheduleRow, TeamMemberRow, TeamRow, UserRow };

type OncallScheduleTeamRow = EntityRow<'oncall_schedule_teams'>;

// Text of Spike's is cut like any API text (raw keeps it whole): names to MAX_NAME_LENGTH, descriptions to
// MAX_TEXT_LENGTH, short codes to MAX_CODE_LENGTH. `users.email` is indexed, and PostgreSQL refuses an index entry
// over about 2.7 kB: an address past the longest an address can be (254) would have failed the whole listing.
const MAX_EMAIL_LENGTH = 320;

export function mapTeam(item: unknown): Mapped<TeamRow> {
  return attempt(() => {
    const t = objectItem(item);
    const id = requireId(t);
    return {
      id,
      name: boundedText(t.name, MAX_NAME_LENGTH) ?? boundedText(t.uid, MAX_NAME_LENGTH) ?? id,
      uid: boundedText(t.uid, MAX_NAME_LENGTH),
      description: boundedText(t.desc) ?? boundedText(t.description),
      isDefault: t.default === true,
      isPrivate: t.private === true,
      createdAt: optionalTime(t.createdAt, 'createdAt'),
      updatedAt: optionalTime(t.updatedAt, 'updatedAt'),
      raw: storedJson(item),
    };
  });
}

export function mapUser(item: unknown): Mapped<UserRow> {
  return attempt(() => {
    const u = objectItem(item);
    const id = requireId(u);
    const firstName = boundedText(u.firstName, MAX_NAME_LENGTH);
    const lastName = boundedText(u.lastName, MAX_NAME_LENGTH);
    const email = boundedText(u.email, MAX_EMAIL_LENGTH);
    const fullName = [firstName, lastName].filter(Boolean).join(' ');
    return {
      id,
      firstName,
      lastName,
      name: fullName || email || id,
      email,
      role: boundedText(u.role, MAX_CODE_LENGTH),
      timezone: boundedText(u.timezone, MAX_CODE_LENGTH),
      removed: u.removed === true,
      createdAt: optionalTime(u.createdAt, 'createdAt'),
      updatedAt: optionalTime(u.updatedAt, 'updatedAt'),
      raw: storedJson(item),
    };
  });
}

export function mapTeamMember(item: unknown, teamId: string): Mapped<TeamMemberRow> {
  return attempt(() => {
    const userId = requireId(objectItem(item));
    return { id: `${teamId}:${userId}`, teamId, userId, raw: storedJson(item) };
  });
}

/**
 * A schedule shared by teams is listed by each; its row belongs to one so it does not flip on every run: the
 * first of the schedule's own `teams` when the listing team is among them, else the listing team.
 */
export function mapOncallSchedule(item: unknown, listingTeamId: string): Mapped<OncallScheduleRow> {
  return attempt(() => {
    const s = objectItem(item);
    const id = requireId(s);
    return {
      id,
      teamId: owningTeam(s, listingTeamId),
      name: boundedText(s.name, MAX_NAME_LENGTH) ?? id,
      description: boundedText(s.desc) ?? boundedText(s.description),
      timezone: boundedText(s.timezone, MAX_CODE_LENGTH),
      userIds: JSON.stringify(idList(s.users)),
      layerCount: Array.isArray(s.layers) ? s.layers.length : 0,
      createdAt: optionalTime(s.createdAt, 'createdAt'),
      updatedAt: optionalTime(s.updatedAt, 'updatedAt'),
      raw: storedJson(item),
    };
  });
}

function owningTeam(schedule: Record<string, unknown>, listingTeamId: string): string {
  const teams = idList(schedule.teams);
  return teams.includes(listingTeamId) ? (teams[0] ?? listingTeamId) : listingTeamId;
}

/** The listing team's link to a schedule: `<team>:<schedule>`, raw as the migration wrote links it carried over. */
export function mapScheduleTeamLink(item: unknown, teamId: string): Mapped<OncallScheduleTeamRow[]> {
  return attempt(() => {
    const scheduleId = requireId(objectItem(item));
    return [{ id: `${teamId}:${scheduleId}`, teamId, scheduleId, raw: JSON.stringify({ team: teamId, schedule: scheduleId }) }];
  });
}
