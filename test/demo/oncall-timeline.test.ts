import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/demo/oncall-timeline.js';
import type { Json } from '../../src/demo/sim-org.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00.000Z');

function schedule(users: string[]): Json {
  return { _id: 'sched', layers: [{ _id: 'layer', users, rotation: { length: 1, unit: 'weeks', handoff: '09:00' } }] };
}

const override: Json = { id: 'ov', oncall: 'sched', user: 'u9', start: '2026-11-12T00:00:00.000Z', end: '2026-11-13T00:00:00.000Z' };

describe('simulated on-call timeline', () => {
  it('serves the past by the rotation as it is now, as Spike does', () => {
    const from = NOW - 14 * DAY;
    const before = buildTimeline(schedule(['u1', 'u2', 'u3']), [], from, NOW, NOW);
    const after = buildTimeline(schedule(['u3', 'u2', 'u1']), [], from, NOW, NOW);
    expect(after.map((s) => [s.start, s.end])).toEqual(before.map((s) => [s.start, s.end]));
    expect(after.map((s) => s.user)).not.toEqual(before.map((s) => s.user));
  });

  it('cuts an override into its whole slot, so every window that reads the slot serves the same pieces', () => {
    const s = schedule(['u1', 'u2']);
    const whole = buildTimeline(s, [override], NOW - 14 * DAY, NOW, NOW);
    // This window ends before the override starts, yet it touches the slot the override cuts.
    const early = buildTimeline(s, [override], NOW - 14 * DAY, Date.parse('2026-11-11T00:00:00.000Z'), NOW);
    expect(whole.filter((x) => x.isOverride)).toHaveLength(1);
    for (const shift of early) expect(whole).toContainEqual(shift);
    expect(early.every((x) => Date.parse(x.start) < Date.parse('2026-11-11T00:00:00.000Z'))).toBe(true);
  });
});
