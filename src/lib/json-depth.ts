/**
 * Deepest nesting of arrays and objects kept from a response, counting the body itself as one level. Spike's items
 * sit a few levels down and hold a few more; anything past this is no incident data anyone reads.
 */
export const MAX_JSON_DEPTH = 64;

/** What an array or object nested deeper than MAX_JSON_DEPTH reads instead, in `raw` and wherever else it went. */
export const TOO_DEEP = '[too deep]';

/**
 * A parsed JSON value with every array or object nested deeper than `max` levels replaced by TOO_DEEP; the same value
 * when none is. JSON.parse reads any depth, but what walks the value afterwards recurses (scrubbing secrets,
 * JSON.stringify of `raw`): one item holding 5,000 nested brackets, 10 KB of text, overflowed the stack and failed
 * every run. Finding that nothing is too deep reads each value once and copies nothing: 20-40 ms per 1,000 pages of 100
 * incidents, against 240 ms to parse them.
 */
export function withinDepth(value: unknown, max = MAX_JSON_DEPTH): unknown {
  return nestsDeeper(value, max) ? cutDeeper(value, max) : value;
}

/** Whether `value` holds arrays or objects more than `levels` deep (itself included). */
function nestsDeeper(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  // Loops rather than some() over Object.values: this runs on every page, and allocating per object made it 4x slower.
  if (Array.isArray(value)) {
    for (const item of value) if (nestsDeeper(item, levels - 1)) return true;
    return false;
  }
  // A parsed object has no enumerable keys but its own.
  for (const key in value) if (nestsDeeper((value as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

function cutDeeper(value: unknown, levels: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => cutDeeper(item, levels - 1));
  // fromEntries defines each key as the object's own, `__proto__` included, as JSON.parse did.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cutDeeper(item, levels - 1)]));
}
