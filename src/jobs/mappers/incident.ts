import type { IncidentRow } from '../../db/index.js';
import { SPIKE_ID } from '../../lib/ids.js';
import { storedJson } from '../../lib/secret-fields.js';
import {
  MAX_CODE_LENGTH, MAX_TEXT_LENGTH, MappingError, attempt, boundedText, cutText, isObject, optionalTime, reference, requireId, strictText, type Mapped,
} from './fields.js';

export type { IncidentRow };

/** A row as a team's listing served it, with where its team came from. */
export interface ListedIncidentRow extends IncidentRow {
  /**
   * The item names no team of its own, so `teamId` is the listing team's: such a row yields to an owner already
   * stored (see incident-owners.ts). Not a column: the writers read a row's columns by name and pass this one by.
   */
  teamFromListing: boolean;
}

const STATUS_WORDS: Record<string, string> = {
  NACK: 'NACK',
  ACK: 'ACK',
  RES: 'RES',
  TRIGGERED: 'NACK',
  ACKNOWLEDGED: 'ACK',
  RESOLVED: 'RES',
};


/** The team the incident's own `team` field names (an id or a populated reference), if it names one. */
function ownTeamOf(item: unknown): string | null {
  if (!isObject(item)) return null;
  // Not `reference`: a team that is no Spike id is not the incident's to claim, and no reason to skip the incident.
  const id = isObject(item.team) ? item.team._id ?? item.team.id : item.team;
  return typeof id === 'string' && SPIKE_ID.test(id) ? id : null;
}

/**
 * Wire incident → row. The team is the one the item's own `team` field names, else the team whose
 * listing served it (`teamId`), which `teamFromListing` then records. Priority and severity live in
 * `groupedIncident` (falling back to the top level); the title is `message`, else `title`.
 */
export function mapIncident(item: unknown, teamId: string): Mapped<ListedIncidentRow> {
  return attempt(() => {
    if (!isObject(item)) throw new MappingError('item is not an object');
    const grouped = isObject(item.groupedIncident) ? item.groupedIncident : {};
    const triggeredAt = optionalTime(item.NACK_at, 'NACK_at') ?? optionalTime(item.createdAt, 'createdAt');
    if (triggeredAt === null) throw new MappingError('incident has neither NACK_at nor createdAt');
    const service = reference(item.service);
    const integration = reference(item.integration, ['customName', 'name']);
    const escalation = reference(item.escalation);
    const ownTeam = ownTeamOf(item);
    return {
      id: requireId(item),
      teamId: ownTeam ?? teamId,
      teamFromListing: ownTeam === null,
      counterId: boundedText(item.counterId, MAX_CODE_LENGTH),
      // A title of the wrong type must not overwrite a good stored one with ''. Anyone who can send an alert writes
      // it: it is cut like any other text (raw keeps it whole).
      title: cutText(strictText(item.message, 'message') ?? strictText(item.title, 'title') ?? '', MAX_TEXT_LENGTH),
      status: mapStatus(item.status),
      priority: boundedText(grouped.priority, MAX_CODE_LENGTH) ?? boundedText(item.priority, MAX_CODE_LENGTH),
      severity: boundedText(grouped.severity, MAX_CODE_LENGTH) ?? boundedText(item.severity, MAX_CODE_LENGTH),
      triggeredAt,
      acknowledgedAt: optionalTime(item.ACK_at, 'ACK_at'),
      resolvedAt: optionalTime(item.RES_at, 'RES_at'),
      createdAt: optionalTime(item.createdAt, 'createdAt'),
      updatedAt: optionalTime(item.updatedAt, 'updatedAt'),
      serviceId: service.id,
      serviceName: service.name,
      integrationId: integration.id,
      integrationName: integration.name,
      escalationId: escalation.id,
      escalationName: escalation.name,
      raw: storedJson(item),
    };
  });
}

function mapStatus(value: unknown): string {
  const code = typeof value === 'string' ? STATUS_WORDS[value.trim().toUpperCase()] : undefined;
  if (!code) throw new MappingError(`unknown incident status ${JSON.stringify(value)?.slice(0, 30)}`);
  return code;
}
