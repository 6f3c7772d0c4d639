export interface TeamName {
  name: string;
  uid: string;
  desc: string;
}

export const TEAM_NAMES: readonly TeamName[] = [
  { name: 'Payments', uid: 'pay', desc: 'Card flows and payouts' },
  { name: 'Platform', uid: 'plat', desc: 'Kubernetes, networking and shared infrastructure' },
  { name: 'Mobile', uid: 'mob', desc: 'iOS and Android apps' },
  { name: 'Data', uid: 'data', desc: 'Pipelines and the warehouse' },
  { name: 'Identity', uid: 'idn', desc: 'Login, SSO and sessions' },
  { name: 'Search', uid: 'srch', desc: 'Indexing and query serving' },
  { name: 'Checkout', uid: 'chk', desc: 'Cart and order placement' },
  { name: 'Growth', uid: 'grw', desc: 'Experiments and onboarding' },
  { name: 'Messaging', uid: 'msg', desc: 'Email, SMS and push delivery' },
  { name: 'Billing', uid: 'bill', desc: 'Invoices and subscriptions' },
  { name: 'Security', uid: 'sec', desc: '' },
  { name: 'Storage', uid: 'stor', desc: 'Databases and object storage' },
  { name: 'Web', uid: 'web', desc: 'Customer-facing web app' },
  { name: 'Notifications', uid: 'ntf', desc: '' },
  { name: 'Logistics', uid: 'log', desc: 'Shipping and fulfilment' },
  { name: 'Fraud', uid: 'frd', desc: 'Risk scoring' },
  { name: 'Ledger', uid: 'ldg', desc: 'Double-entry accounting' },
  { name: 'SRE', uid: 'sre', desc: 'Reliability and incident response' },
  { name: 'Analytics', uid: 'anl', desc: '' },
  { name: 'Core API', uid: 'core', desc: 'Public REST API' },
];

export const FIRST_NAMES: readonly string[] = [
  'Ada', 'Grace', 'Alan', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Radia', 'Edsger',
  'Frances', 'John', 'Hedy', 'Tim', 'Katherine', 'Guido', 'Annie', 'Donald', 'Sophie', 'Niklaus',
  'Priya', 'Kenji', 'Amara', 'Mateo', 'Ingrid', 'Omar', 'Mei', 'Lucas', 'Zainab', 'Pavel',
];

export const LAST_NAMES: readonly string[] = [
  'Lovelace', 'Hopper', 'Turing', 'Torvalds', 'Hamilton', 'Thompson', 'Liskov', 'Ritchie',
  'Perlman', 'Dijkstra', 'Allen', 'McCarthy', 'Lamarr', 'Berners-Lee', 'Johnson', 'van Rossum',
  'Easley', 'Knuth', 'Wilson', 'Wirth', 'Patel', 'Tanaka', 'Okafor', 'Garcia', 'Larsen',
  'Haddad', 'Chen', 'Moreau', 'Bello', 'Novak',
];

export const TIMEZONES: readonly string[] = [
  'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Asia/Kolkata',
  'Asia/Tokyo', 'Australia/Sydney', 'America/Sao_Paulo', 'Etc/UTC',
];

export const ROLES: readonly string[] = ['admin', 'manager', 'responder', 'viewer'];
export const ROLE_WEIGHTS: readonly number[] = [1, 2, 8, 2];

export const SERVICE_SUFFIXES: readonly string[] = ['API', 'Worker', 'Database', 'Gateway', 'Scheduler', 'Web'];

export const INTEGRATION_KINDS: readonly { slug: string; label: string }[] = [
  { slug: 'datadog', label: 'Datadog' },
  { slug: 'prometheus', label: 'Prometheus' },
  { slug: 'grafana', label: 'Grafana' },
  { slug: 'sentry', label: 'Sentry' },
  { slug: 'cloudwatch', label: 'CloudWatch' },
  { slug: 'new-relic', label: 'New Relic' },
];

/** `%s` is replaced by the service name once per service, so titles are shared strings. */
export const SERVICE_ALERTS: readonly string[] = [
  '%s 5xx above 2%',
  '%s p99 latency > 2s',
  '%s health check failing',
  '%s error rate spike',
  '%s pods crash-looping',
  '%s queue depth > 10k',
];

export const GENERIC_ALERTS: readonly string[] = [
  'Checkout 5xx above 2%',
  'Disk usage > 90% on db-3',
  'CPU above 95% on web-7 for 10m',
  'Memory pressure on worker-12',
  'TLS certificate expires in 7 days',
  'Replication lag > 30s on pg-replica-2',
  'Kafka consumer lag > 50k on orders',
  'Redis evictions detected',
  'Cron job nightly-export missed',
  'DNS resolution failures in eu-west-1',
  'Synthetic check: login page down',
  'Elevated 429s from upstream provider',
  'Node not ready: ip-10-0-3-17',
  'S3 PUT errors above threshold',
  'Backup job failed on db-1',
];

export const NOTE_TEXTS: readonly string[] = [
  'Investigating',
  'Rolled back the last deploy',
  'Scaled the pool up, watching',
  'Known issue with the upstream provider',
  'Flapping alert, tuning the threshold',
  'Restarted the affected pods',
];

export const OVERRIDE_REASONS: readonly string[] = [
  'Swap for PTO', 'Conference travel', 'Covering sick leave', 'Holiday swap', '',
];
