import type { OncallOverrideRow, OncallShiftRow } from '../../db/index.js';
import { storedJson } from '../../lib/secret-fields.js';
import { MAX_CODE_LENGTH, MappingError, attempt, boundedText, isObject, optionalTime, reference, requireId, type Mapped } from './fields.js';

export type { OncallOverrideRow, OncallShiftRow };

/** The stored schedule a shift or override is read for: the rows take its id and team. */
export interface ScheduleRef {
  id: string;
  teamId: string;
}

/** A required instant of an item. */
function requiredTime(value: unknown, field: string): string {
  const time = optionalTime(value, field);
  if (time === null) throw new MappingError(`${field} is missing`);
  return time;
}

/** A span that ends after it starts; anything else is no span a person could be on call for. */
function span(item: Record<string, unknown>): { startAt: string; endAt: string } {
  const startAt = requiredTime(item.start, 'start');
  const endAt = requiredTime(item.end, 'end');
  if (endAt <= startAt) throw new MappingError('end is not after start');
  return { startAt, endAt };
}

/**
 * One shift of a schedule's timeline, read at `readAt`. Its id is `<schedule>:<layer or override>:<user>:<start>`
 * (an override's shift names no layer), so the same person's same slot keeps its row across reads whatever `_id`
 * Spike gives it. `source` is `observed` when the shift had not ended when read, `reconstructed` when it was read
 * after its end. The user may come as an id or as a populated object.
 */
export function mapOncallShift(item: unknown, schedule: ScheduleRef, readAt: string): Mapped<OncallShiftRow> {
  return attempt(() => {
    if (!isObject(item)) throw new MappingError('item is not an object');
    const userId = reference(item.user, undefined, 'user').id;
    if (userId === null) throw new MappingError('shift has no user');
    const layerId = reference(item.layer, undefined, 'layer').id;
    const isOverride = item.isOverride === true;
    const { startAt, endAt } = span(item);
    return {
      id: `${schedule.id}:${layerId ?? 'override'}:${userId}:${startAt}`,
      scheduleId: schedule.id,
      teamId: schedule.teamId,
      layerId,
      userId,
      startAt,
      endAt,
      isOverride,
      source: endAt > readAt ? 'observed' : 'reconstructed',
      raw: storedJson(item),
    };
  });
}

/** One override of a schedule (`id`, or `_id` on some deployments). */
export function mapOncallOverride(item: unknown, schedule: ScheduleRef): Mapped<OncallOverrideRow> {
  return attempt(() => {
    if (!isObject(item)) throw new MappingError('item is not an object');
    const id = requireId(item);
    const { startAt, endAt } = span(item);
    return {
      id,
      scheduleId: schedule.id,
      teamId: schedule.teamId,
      userId: reference(item.user, undefined, 'user').id,
      startAt,
      endAt,
      description: boundedText(item.desc) ?? boundedText(item.description),
      timezone: boundedText(item.timezone, MAX_CODE_LENGTH),
      createdAt: optionalTime(item.createdAt, 'createdAt'),
      raw: storedJson(item),
    };
  });
}
