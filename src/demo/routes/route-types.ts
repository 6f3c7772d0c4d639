import type { Drift, Reply } from '../http-reply.js';
import type { IncidentIndex } from '../incident-index.js';
import type { Json, SimOrg } from '../sim-org.js';

export interface RouteContext {
  org: SimOrg;
  index: IncidentIndex;
  params: Record<string, string>;
  query: Record<string, string>;
  /** The validated team on team-scoped routes; the raw header (or '') elsewhere. */
  teamId: string;
  team: Json | undefined;
  now: Date;
  drift: Drift;
  ignorePaging: boolean;
  teamsRoute: 'both' | 'legacy-only';
  /** Wraps a list body per the drift mode. */
  list(key: string, items: readonly unknown[], extras?: Record<string, unknown>): Reply;
}

export interface Route {
  /** Path pattern, `:name` segments capture. */
  path: string;
  /** Team routes require a known `x-team-id`; org routes ignore it. */
  scope: 'team' | 'org';
  handle(ctx: RouteContext): Reply;
}
