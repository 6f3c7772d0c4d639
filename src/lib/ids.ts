/** Spike's ids (`_id`) are 24-hex MongoDB ObjectIds: a team slug or a name is not one. */
export const SPIKE_ID = /^[0-9a-f]{24}$/i;

export type JsonObject = Record<string, unknown>;

/** A plain JSON object: not null, not an array. */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
