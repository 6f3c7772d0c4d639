import type { OncallOverrideRow } from '../db/index.js';
import { isObject } from '../lib/ids.js';
import { DAY_MS } from '../lib/duration.js';
import { listOncallOverrides } from '../spike/index.js';
import { mapAll } from './apply-snapshot.js';
import { mapOncallOverride } from './mappers/oncall.js';
import { forEachStoredSchedule, writeScheduleWindow } from './schedule-window.js';

/** The span read every time: overrides edited up to a month after they ended, and those planned a quarter ahead. */
export const OVERRIDES_BEHIND_MS = 30 * DAY_MS;
export const OVERRIDES_AHEAD_MS = 90 * DAY_MS;

/**
 * The `oncall_overrides` stream: one request per live schedule of the team, for the overrides overlapping
 * [now − 30 days, now + 90 days]. Overrides of the schedule inside that span that the read no longer returns are
 * soft-deleted; older ones, outside it, stay as they are. An empty listing deletes nothing, except on `--full`.
 */
export const syncOncallOverrides = forEachStoredSchedule(async ({ deps, settings, tally }, schedule) => {
  const now = deps.clock.now().getTime();
  const from = new Date(now - OVERRIDES_BEHIND_MS).toISOString();
  const to = new Date(now + OVERRIDES_AHEAD_MS).toISOString();
  const items = await listOncallOverrides(deps.client, schedule.id, { from, to });
  const rows = mapAll(items, (item) => mapOncallOverride(item, schedule), tally);
  const ids = items.map(overrideId);
  const seen = new Set([...rows.map((r) => r.id), ...ids.filter((id): id is string => id !== null)]);
  // An override without an id could be any stored one: the read cannot prove anything vanished. Nor can an empty
  // listing, unless `--full` says to believe it: every override of a schedule cancelled at once is rarer than a fault.
  const complete = !ids.includes(null) && (items.length > 0 || settings.full);
  await writeScheduleWindow<OncallOverrideRow>(deps, {
    what: 'overrides',
    scheduleId: schedule.id,
    rows,
    seen,
    window: complete ? { endsAfter: from, startsBefore: to } : null,
    writer: (tx) => tx.writer('oncall_overrides'),
  }, tally);
});

/** Overrides carry `id` (some deployments `_id`); a malformed one still counts as seen when it has either. */
function overrideId(item: unknown): string | null {
  if (!isObject(item)) return null;
  const id = item.id ?? item._id;
  return typeof id === 'string' && id ? id : null;
}
