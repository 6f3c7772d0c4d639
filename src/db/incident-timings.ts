import type { IncidentRow } from './store.js';

/**
 * The numbers reports compute from an incident's instants, stored beside them so a statistic over a million
 * incidents reads integers from an index instead of parsing ISO text: epoch milliseconds of each instant, and
 * whole milliseconds from triggering to acknowledging and to resolving. `ms_to_resolve` counts only while the
 * incident is resolved (a reopened incident keeps its old `resolved_at`, which no longer measures anything).
 */
export interface IncidentTimings {
  triggeredMs: number;
  acknowledgedMs: number | null;
  resolvedMs: number | null;
  msToAck: number | null;
  msToResolve: number | null;
}

export function incidentTimings(row: Pick<IncidentRow, 'status' | 'triggeredAt' | 'acknowledgedAt' | 'resolvedAt'>): IncidentTimings {
  const triggeredMs = epochMs(row.triggeredAt);
  const acknowledgedMs = row.acknowledgedAt === null ? null : epochMs(row.acknowledgedAt);
  const resolvedMs = row.resolvedAt === null ? null : epochMs(row.resolvedAt);
  return {
    triggeredMs,
    acknowledgedMs,
    resolvedMs,
    msToAck: acknowledgedMs === null ? null : acknowledgedMs - triggeredMs,
    msToResolve: resolvedMs === null || row.status !== 'RES' ? null : resolvedMs - triggeredMs,
  };
}

function epochMs(iso: string): number {
  const ms = Date.parse(iso);
  // Mappers store only instants they could read; anything else is a bug to surface, not a NaN to store.
  if (!Number.isFinite(ms)) throw new Error(`not an instant: ${JSON.stringify(iso.slice(0, 40))}`);
  return ms;
}
