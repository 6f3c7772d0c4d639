import { secretsIn } from '../lib/secret-fields.js';
import { listEscalations, listIntegrations, listServices, type SpikeClient } from '../spike/index.js';
import { mapEscalationPolicy, mapEscalationTargets, mapIntegration, mapService } from './mappers/catalog.js';
import { syncTeamListing } from './sync-team-entities.js';

/** The `services` stream: the team's services from `/services`. */
export const syncServices = syncTeamListing({ what: 'services', list: listServices, map: mapService, writer: (tx) => tx.writer('services') });

/**
 * The team's integrations; every token they carry (a `token` field, a webhook URL) is handed to the client's
 * scrubber first, so a token echoed anywhere later (an alert's title, an error body) is hidden from logs and the ledger.
 */
async function listIntegrationsLearningTokens(client: SpikeClient, teamId: string): Promise<unknown[]> {
  const items = await listIntegrations(client, teamId);
  for (const secret of secretsIn(items)) client.learnSecret(secret);
  return items;
}

/** The `integrations` stream: the team's integrations from `/integrations`, their tokens redacted. */
export const syncIntegrations = syncTeamListing({ what: 'integrations', list: listIntegrationsLearningTokens, map: mapIntegration, writer: (tx) => tx.writer('integrations') });

/** The `escalation_policies` stream: the team's policies from `/escalations`, and the users and schedules each step notifies. */
export const syncEscalationPolicies = syncTeamListing({
  what: 'escalation policies',
  list: listEscalations,
  map: mapEscalationPolicy,
  writer: (tx) => tx.writer('escalation_policies'),
  companion: { map: mapEscalationTargets, writer: (tx) => tx.writer('escalation_policy_targets') },
});
