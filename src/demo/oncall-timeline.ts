import { derivedId } from './ids.js';
import type { Json } from './sim-org.js';

export interface Shift {
  _id: string;
  oncall: string;
  layer: string | null;
  user: string;
  start: string;
  end: string;
  active: boolean;
  isOverride: boolean;
}

interface Span {
  user: string;
  layer: string | null;
  start: number;
  end: number;
  isOverride: boolean;
}

const WEEK_MS = 604_800_000;
const UNIT_MS: Record<string, number> = { hours: 3_600_000, days: 86_400_000, weeks: WEEK_MS };
/** A Monday: weekly rotations hand off on Mondays at the layer's handoff time. */
const ROTATION_EPOCH = Date.UTC(2024, 0, 1);

/**
 * Flattened timeline of the schedule's first layer over [from, to), with overrides cut in. A
 * simplification of Spike's layering, enough for clients that store shifts as opaque rows. It is computed
 * from the schedule as it is now, for the past too (as Spike does): change a layer's users or rotation and
 * every window, past ones included, follows the new rule.
 */
export function buildTimeline(schedule: Json, overrides: readonly Json[], from: number, to: number, now: number): Shift[] {
  const layer = (schedule['layers'] as Json[] | undefined)?.[0];
  const users = (layer?.['users'] as string[] | undefined) ?? [];
  let spans: Span[] = [];
  if (layer !== undefined && users.length > 0) {
    const rotation = (layer['rotation'] as Json | undefined) ?? {};
    const length = Number(rotation['length'] ?? 1) * (UNIT_MS[String(rotation['unit'])] ?? WEEK_MS);
    const [h, m] = String(rotation['handoff'] ?? '09:00').split(':').map(Number);
    const anchor = ROTATION_EPOCH + ((h ?? 9) * 60 + (m ?? 0)) * 60_000;
    for (let k = Math.floor((from - anchor) / length); anchor + k * length < to; k++) {
      const user = users[((k % users.length) + users.length) % users.length] as string;
      spans.push({ user, layer: String(layer['_id']), start: anchor + k * length, end: anchor + (k + 1) * length, isOverride: false });
    }
  }
  // Overrides are cut into the whole rotation slots the window touches, then only what overlaps the window is
  // served: a slot's pieces come out the same whichever window reads them.
  const reach = { start: Math.min(from, ...spans.map((s) => s.start)), end: Math.max(to, ...spans.map((s) => s.end)) };
  for (const ov of overrides) {
    const start = Date.parse(String(ov['start']));
    const end = Date.parse(String(ov['end']));
    if (end <= reach.start || start >= reach.end) continue;
    spans = cut(spans, start, end);
    spans.push({ user: String(ov['user']), layer: null, start, end, isOverride: true });
  }
  spans = spans.filter((s) => s.end > from && s.start < to);
  spans.sort((a, b) => a.start - b.start);
  const oncallId = String(schedule['_id']);
  return spans.map((s) => ({
    _id: derivedId(oncallId, s.layer ?? 'override', s.user, String(s.start)),
    oncall: oncallId,
    layer: s.layer,
    user: s.user,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    active: s.start <= now && now < s.end,
    isOverride: s.isOverride,
  }));
}

function cut(spans: Span[], start: number, end: number): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.isOverride || end <= s.start || start >= s.end) {
      out.push(s);
      continue;
    }
    if (s.start < start) out.push({ ...s, end: start });
    if (end < s.end) out.push({ ...s, start: end });
  }
  return out;
}

/** The shift covering `now`, if the schedule has anyone on call. */
export function activeShift(schedule: Json, overrides: readonly Json[], now: number): Shift | undefined {
  return buildTimeline(schedule, overrides, now, now + 1, now).find((s) => s.active);
}
