// The synthetic organisation behind the million-incident report, the same on both stores: 20 teams,
// incidents triggered over the last two years, skewed towards a few busy teams, about 90% of them
// acknowledged or resolved, shaped as the mappers store them (status NACK/ACK/RES, acknowledgement and
// resolution after the trigger, the wire item as raw JSON).
export const MILLION = 1_000_000;
export const MILLION_TEAMS = 20;
export const HISTORY_DAYS = 730;
/** Shares of the current status: the rest is RES. */
export const NACK_SHARE = 0.06;
export const ACK_SHARE = 0.04;
/** Resolved incidents that were acknowledged first; the others were resolved straight away. */
export const RESOLVED_ACKED_SHARE = 0.9;
/** A team is chosen as floor(teams × r^TEAM_SKEW), so the first teams get the most incidents. */
export const TEAM_SKEW = 1.6;
/** Acknowledged 20 s to ~2 h after the trigger, resolved 1 min to ~1 day after that, most of them early. */
export const ACK_SECONDS = { min: 20, span: 7200 };
export const RESOLVE_SECONDS = { min: 60, span: 86_400 };

export const TEAM_NAMES = [
  'Payments', 'Checkout', 'Search', 'Platform', 'Data', 'Mobile', 'Identity', 'Billing', 'Growth', 'Infra',
  'Messaging', 'Catalog', 'Shipping', 'Support', 'Security', 'Analytics', 'Web', 'Partners', 'Risk', 'Edge',
];

export const TITLES = [
  'High error rate on checkout-api',
  'Replication lag > 30s on pg-replica-2',
  'CPU above 90% on worker pool',
  'Disk almost full on /var/lib/postgresql',
  'p99 latency above 2s',
  'Health check failing for payments-gateway',
  'Queue depth above 10k messages',
  'Certificate expires in 7 days',
];

/** People per team: who acknowledged and who resolved each incident, so the responders report has work to do. */
export const RESPONDERS_PER_TEAM = 6;

/** A responder's 24-hex id: the team's index and the person's, the same on both stores. */
export function responderId(team: number, person: number): string {
  return `5b2f00c0ffee${team.toString(16).padStart(6, '0')}${person.toString(16).padStart(6, '0')}`;
}

/** A team's 24-hex id, the same on both stores. */
export function teamId(index: number): string {
  return `6803910aa9c59a${index.toString(16).padStart(10, '0')}`;
}
