import type { Json } from './sim-org.js';

export interface IncidentFields {
  id: string;
  counterId: string;
  message: string;
  teamId: string;
  nackAt: string;
  ackAt?: string | undefined;
  resAt?: string | undefined;
  metadata: Json;
  resMetadata?: Json | undefined;
  links: readonly unknown[];
  escalation?: Json | undefined;
  integration?: Json | undefined;
  service?: Json | undefined;
  groupedIncident: Json;
}

/** Empty arrays shared by every incident: frozen so an accidental push fails loudly instead of leaking. */
export const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/**
 * Builds a 5.3 list item with keys in the documented order. Optional keys that do not apply hold
 * `undefined`, which JSON leaves out: one fixed shape per object is far cheaper for V8 at a million
 * incidents than adding keys one by one.
 */
export function buildIncident(f: IncidentFields): Json {
  return {
    _id: f.id,
    counterId: f.counterId,
    message: f.message,
    status: f.resAt !== undefined ? 'RES' : f.ackAt !== undefined ? 'ACK' : 'NACK',
    NACK_at: f.nackAt,
    ACK_at: f.ackAt,
    RES_at: f.resAt,
    createdAt: f.nackAt,
    updatedAt: f.resAt ?? f.ackAt ?? f.nackAt,
    metadata: f.metadata,
    resMetadata: f.resMetadata,
    links: f.links,
    escalation: f.escalation,
    integration: f.integration,
    service: f.service,
    team: f.teamId,
    groupedIncident: f.groupedIncident,
    history: NO_ITEMS,
    events: NO_ITEMS,
  };
}

/** Numeric part of a counterId such as `pay-118` or `116`; 0 when there is none. */
export function counterNumber(counterId: unknown): number {
  const text = String(counterId);
  const n = Number(text.slice(text.lastIndexOf('-') + 1));
  return Number.isFinite(n) ? n : 0;
}
