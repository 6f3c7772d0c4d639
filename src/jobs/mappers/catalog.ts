import type { EntityRow } from '../../db/index.js';
import { storedJson } from '../../lib/secret-fields.js';
import { attempt, boundedText, isObject, objectItem, optionalCount, optionalFlag, optionalTime, reference, requireId, type Mapped } from './fields.js';

// Row types of the catalog tables, named through the store's table map.
type ServiceRow = EntityRow<'services'>;
type IntegrationRow = EntityRow<'integrations'>;
type EscalationPolicyRow = EntityRow<'escalation_policies'>;
type EscalationPolicyTargetRow = EntityRow<'escalation_policy_targets'>;

/** Fields every catalog row shares. */
function common(o: Record<string, unknown>) {
  return {
    description: boundedText(o.desc) ?? boundedText(o.description),
    createdAt: optionalTime(o.createdAt, 'createdAt'),
    updatedAt: optionalTime(o.updatedAt, 'updatedAt'),
  };
}

export function mapService(item: unknown, teamId: string): Mapped<ServiceRow> {
  return attempt(() => {
    const s = objectItem(item);
    const id = requireId(s);
    return { id, teamId, counterId: boundedText(s.counterId, 64), name: boundedText(s.name) ?? id, ...common(s), raw: storedJson(item) };
  });
}

/** The token is read by nothing here: it reaches `raw` only as the redaction marker (see storedJson). */
export function mapIntegration(item: unknown, teamId: string): Mapped<IntegrationRow> {
  return attempt(() => {
    const i = objectItem(item);
    const id = requireId(i);
    const slug = boundedText(i.slug, 200);
    return {
      id,
      teamId,
      name: boundedText(i.customName) || boundedText(i.name) || slug || id,
      slug,
      serviceId: reference(i.service).id,
      escalationId: reference(i.escalation).id,
      enabled: optionalFlag(i.enabled),
      repeatEscalation: optionalFlag(i.repeatEscalation),
      ackTimeoutMinutes: optionalCount(i.ackTimeout),
      ...common(i),
      raw: storedJson(item),
    };
  });
}

/** Steps stay in `raw`; who they notify is in `escalation_policy_targets` (see mapEscalationTargets). */
export function mapEscalationPolicy(item: unknown, teamId: string): Mapped<EscalationPolicyRow> {
  return attempt(() => {
    const p = objectItem(item);
    const id = requireId(p);
    return {
      id,
      teamId,
      name: boundedText(p.name) ?? id,
      delayMinutes: optionalCount(p.delay),
      stepCount: stepsOf(p).length,
      ...common(p),
      raw: storedJson(item),
    };
  });
}

/**
 * One row per rule of a policy that names a user or a schedule, keyed `<policy>:<step>:<rule index>` (step
 * 1-based, rule index 0-based within the step). Rules naming neither (a Slack channel) have no row.
 */
export function mapEscalationTargets(item: unknown, teamId: string): Mapped<EscalationPolicyTargetRow[]> {
  return attempt(() => {
    const p = objectItem(item);
    const policyId = requireId(p);
    return stepsOf(p).flatMap((rules, s) =>
      rules.flatMap((rule, r): EscalationPolicyTargetRow[] => {
        const target = targetOf(rule);
        if (target === null) return [];
        const via = isObject(rule) ? boundedText(rule.via, 100) : null;
        return [{ id: `${policyId}:${s + 1}:${r}`, teamId, policyId, step: s + 1, ...target, via, raw: storedJson(rule) }];
      }),
    );
  });
}

/** The steps: an array of rule arrays (a step that is a single rule object counts as a step of one). */
function stepsOf(policy: Record<string, unknown>): unknown[][] {
  const steps = policy.escalation ?? policy.steps;
  if (!Array.isArray(steps)) return [];
  return steps.map((step) => (Array.isArray(step) ? step : [step]));
}

function targetOf(rule: unknown): { targetType: string; targetId: string } | null {
  if (!isObject(rule)) return null;
  const user = reference(rule.user ?? rule.user_id).id;
  if (user) return { targetType: 'user', targetId: user };
  const schedule = reference(rule.oncall ?? rule.oncall_schedule_id).id;
  if (schedule) return { targetType: 'oncall_schedule', targetId: schedule };
  return null;
}
