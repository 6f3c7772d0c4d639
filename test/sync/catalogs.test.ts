import { expect, it } from 'vitest';
import type { Json } from '../../src/demo/sim-org.js';
import { minimumUsefulRun } from '../../src/jobs/streams.js';
import { requestsSince, useHarness, type Harness } from '../helpers/harness.js';
import { describeEachStore } from '../helpers/stores.js';
import { QUARTER, teamIdsOf } from '../faults/fault-kit.js';

const HOUR = 3_600_000;
const CATALOG_PATHS = ['/services', '/integrations', '/escalations'];

function ofTeam(items: Json[] | undefined, teamId: string): Json[] {
  return (items ?? []).filter((item) => item.team === teamId);
}

/** The catalog requests a run sent, as `path team`. */
function catalogRequests(h: Harness, from: number): string[] {
  return h.server.requests.slice(from).filter((r) => CATALOG_PATHS.includes(r.path)).map((r) => `${r.path} ${String(r.teamId)}`);
}

describeEachStore('catalog streams', (store) => {
  const startHarness = useHarness(store);

  it("stores each team's services, integrations and escalation policies with their mapped fields", async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [5, 5] } });
    const [a] = teamIdsOf(h);
    expect((await h.sync()).status).toBe('ok');

    const services = ofTeam(h.server.org.services, a!);
    expect(await h.count('services', 'team_id = @a AND deleted_at IS NULL', { a })).toBe(services.length);
    const service = services[0]!;
    expect(await h.one('SELECT team_id, counter_id, name, description, created_at FROM services WHERE id = @id', { id: service._id })).toEqual({
      team_id: a, counter_id: String(service.counterId), name: service.name, description: '', created_at: service.createdAt,
    });

    const integrations = ofTeam(h.server.org.integrations, a!);
    expect(await h.count('integrations', 'team_id = @a', { a })).toBe(integrations.length);
    const integration = integrations[0]!;
    const row = (await h.one<Record<string, unknown>>(
      'SELECT name, slug, service_id, escalation_id, enabled, repeat_escalation, ack_timeout_minutes FROM integrations WHERE id = @id',
      { id: integration._id },
    ))!;
    expect({ ...row, enabled: Boolean(row.enabled), repeat_escalation: Boolean(row.repeat_escalation) }).toEqual({
      name: integration.customName, slug: integration.slug, service_id: integration.service, escalation_id: integration.escalation,
      enabled: true, repeat_escalation: integration.repeatEscalation, ack_timeout_minutes: integration.ackTimeout,
    });

    const policies = ofTeam(h.server.org.escalations, a!);
    const policy = policies[0]!;
    const steps = policy.escalation as Json[][];
    expect(await h.one('SELECT name, delay_minutes, step_count FROM escalation_policies WHERE id = @id', { id: policy._id })).toEqual({
      name: policy.name, delay_minutes: Number(policy.delay), step_count: steps.length,
    });
    const expected = steps.flatMap((rules, s) => rules.flatMap((rule, r) => {
      const target = rule.user !== undefined ? ['user', rule.user] : rule.oncall !== undefined ? ['oncall_schedule', rule.oncall] : null;
      return target ? [{ id: `${String(policy._id)}:${s + 1}:${r}`, step: s + 1, target_type: target[0], target_id: target[1], via: rule.via }] : [];
    }));
    expect(expected.length).toBeGreaterThan(0);
    expect(await h.query('SELECT id, step, target_type, target_id, via FROM escalation_policy_targets WHERE policy_id = @id ORDER BY id', { id: policy._id }))
      .toEqual(expected.sort((x, y) => x.id.localeCompare(y.id)));
  });

  it('sends no catalog request while the interval runs, again once it has passed, and on --full', async () => {
    const h = await startHarness();
    const teams = teamIdsOf(h);
    const everyTeam = teams.flatMap((team) => CATALOG_PATHS.map((path) => `${path} ${team}`)).sort();
    await h.sync();

    h.clock.advance(QUARTER);
    let before = h.server.requests.length;
    const steady = await h.sync();
    expect(catalogRequests(h, before)).toEqual([]);
    expect(steady.requests).toBe(minimumUsefulRun(teams.length));
    // Teams whose catalogs were not due are not reported as skipped.
    expect(steady.teams.every((t) => t.skipped === undefined && t.ok)).toBe(true);

    h.clock.advance(6 * HOUR);
    before = h.server.requests.length;
    await h.sync();
    expect(catalogRequests(h, before).sort()).toEqual(everyTeam);

    h.clock.advance(QUARTER);
    before = h.server.requests.length;
    await h.sync({ full: true });
    expect(catalogRequests(h, before).sort()).toEqual(everyTeam);
    expect(requestsSince(h.server, before)).toContain('GET /services');
  });

  it("soft-deletes a vanished rule's target, only in its team", async () => {
    const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [5, 5] } });
    const [a] = teamIdsOf(h);
    await h.sync();
    const policy = ofTeam(h.server.org.escalations, a!).find((p) => (p.escalation as Json[][]).length === 2)!;
    const liveTargets = () => h.count('escalation_policy_targets', 'deleted_at IS NULL');
    const before = await liveTargets();
    // The last step names a user: dropping it leaves the policy with its schedule rule.
    policy.escalation = (policy.escalation as Json[][]).slice(0, 1);

    h.clock.advance(6 * HOUR);
    await h.sync();
    expect(await h.one('SELECT step_count, deleted_at FROM escalation_policies WHERE id = @id', { id: policy._id })).toEqual({ step_count: 1, deleted_at: null });
    expect(await h.value('SELECT deleted_at FROM escalation_policy_targets WHERE id = @id', { id: `${String(policy._id)}:2:0` })).toBe(h.clock.now().toISOString());
    expect(await liveTargets()).toBe(before - 1);
  });
});
