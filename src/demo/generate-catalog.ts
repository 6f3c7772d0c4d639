import { between, DAY_MS, iso, type GenContext } from './gen-context.js';
import { GENERIC_ALERTS, INTEGRATION_KINDS, SERVICE_ALERTS, SERVICE_SUFFIXES } from './names.js';
import type { Json } from './sim-org.js';

/** What an incident of one integration points at; shared, frozen objects keep a million incidents lean. */
export interface IncidentSource {
  service: Json;
  integration: Json;
  escalation: Json;
  titles: readonly string[];
  links: readonly unknown[];
  metadata: readonly Json[];
}

export interface TeamCatalog {
  services: Json[];
  integrations: Json[];
  escalations: Json[];
  sources: IncidentSource[];
}

export function generateCatalog(ctx: GenContext, team: Json, schedules: readonly Json[]): TeamCatalog {
  const teamId = String(team['_id']);
  const since = Date.parse(String(team['createdAt']));
  const escalations = schedules.length === 0 ? [buildEscalation(ctx, team, since, undefined)] : schedules.map((s) => buildEscalation(ctx, team, since, s));
  const catalog: TeamCatalog = { services: [], integrations: [], escalations, sources: [] };
  const serviceCount = ctx.rng.int(2, 4);
  for (let i = 0; i < serviceCount; i++) {
    const createdAt = between(ctx, since, ctx.now - ctx.historyDays * DAY_MS);
    const name = `${String(team['name'])} ${SERVICE_SUFFIXES[i] ?? `Service ${i + 1}`}`;
    const service: Json = {
      _id: ctx.ids.next(createdAt), counterId: ctx.nextServiceCounter++, name, desc: '',
      team: teamId, createdAt: iso(createdAt), updatedAt: iso(between(ctx, createdAt, ctx.now)),
    };
    catalog.services.push(service);
    const integrationCount = ctx.rng.int(1, 2);
    for (let k = 0; k < integrationCount; k++) {
      const escalation = ctx.rng.pick(escalations);
      const integration = buildIntegration(ctx, service, escalation, createdAt);
      catalog.integrations.push(integration);
      catalog.sources.push(buildSource(ctx, service, integration, escalation));
    }
  }
  return catalog;
}

function buildEscalation(ctx: GenContext, team: Json, since: number, schedule: Json | undefined): Json {
  const createdAt = between(ctx, since, ctx.now - ctx.historyDays * DAY_MS);
  const users = (team['users'] as string[]) ?? [];
  const first: Json[] = schedule ? [{ via: 'push-notification', oncall: schedule['_id'], interval: 5 }] : [];
  first.push({ via: 'slack', channel: `C0${ctx.rng.hex(8).toUpperCase()}`, interval: 5 });
  const steps: Json[][] = [first];
  const lead = users[0];
  if (lead !== undefined) steps.push([{ via: 'phone', user: lead }]);
  return {
    _id: ctx.ids.next(createdAt),
    name: schedule ? String(schedule['name']) : `${String(team['name'])} default`,
    desc: '',
    delay: String(ctx.rng.pick([5, 10, 15])),
    escalation: steps,
    team: team['_id'],
    createdAt: iso(createdAt),
    updatedAt: iso(between(ctx, createdAt, ctx.now)),
  };
}

function buildIntegration(ctx: GenContext, service: Json, escalation: Json, createdAt: number): Json {
  const kind = ctx.rng.pick(INTEGRATION_KINDS);
  return {
    _id: ctx.ids.next(createdAt),
    token: `tok_${ctx.rng.hex(20)}`,
    customName: `${String(service['name'])} - ${kind.label}`,
    desc: '',
    slug: kind.slug,
    service: service['_id'],
    escalation: escalation['_id'],
    repeatEscalation: ctx.rng.chance(0.5),
    ackTimeout: ctx.rng.pick([5, 15, 30]),
    enabled: true,
    autoResolve: { after: 1, unit: 'days' },
    team: service['team'],
    createdAt: iso(createdAt),
    updatedAt: iso(between(ctx, createdAt, ctx.now)),
  };
}

function buildSource(ctx: GenContext, service: Json, integration: Json, escalation: Json): IncidentSource {
  const name = String(service['name']);
  const label = String(integration['customName']).split(' - ').pop() ?? 'Webhook';
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const titles = [...SERVICE_ALERTS.map((t) => t.replace('%s', name)), ...GENERIC_ALERTS.slice(ctx.rng.int(0, 10)).slice(0, 5)];
  const metadata = [1, 2, 3, 4].map((n) => Object.freeze({ host: `${slug}-${n}`, alert_source: label, region: ctx.rng.pick(['eu-west-1', 'us-east-1']) }));
  return {
    service: Object.freeze({ _id: service['_id'], name }),
    integration: Object.freeze({ _id: integration['_id'], customName: integration['customName'], name: integration['customName'] }),
    escalation: Object.freeze({ _id: escalation['_id'], name: escalation['name'] }),
    titles,
    links: Object.freeze([Object.freeze({ Runbook: `https://wiki.acme.example/runbooks/${slug}` })]),
    metadata,
  };
}
