import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, TOO_DEEP, withinDepth } from '../../src/lib/json-depth.js';

/** `levels` arrays, each the only item of the one around it, the innermost holding `inner`. */
function nested(levels: number, inner: unknown = 1): unknown {
  let value = inner;
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

/** How many arrays deep `value` goes through first items, and what it finds there. */
function descend(value: unknown): { arrays: number; bottom: unknown } {
  let arrays = 0;
  let at = value;
  while (Array.isArray(at)) {
    at = at[0];
    arrays++;
  }
  return { arrays, bottom: at };
}

describe('withinDepth', () => {
  it('returns a value nested up to the bound as it is, without copying it', () => {
    const value = { data: [{ a: { b: [1, 'x', null] } }], at: nested(MAX_JSON_DEPTH - 1) };
    expect(withinDepth(value)).toBe(value);
    expect(withinDepth('text')).toBe('text');
    expect(withinDepth(null)).toBe(null);
  });

  it('replaces what lies deeper than the bound, and keeps the rest', () => {
    expect(withinDepth(nested(3), 2)).toEqual([[TOO_DEEP]]);
    expect(withinDepth({ keep: [1, { two: 2 }], cut: { x: { y: {} } } }, 3)).toEqual({ keep: [1, { two: 2 }], cut: { x: { y: TOO_DEEP } } });
    expect(descend(withinDepth(nested(100_000)))).toEqual({ arrays: MAX_JSON_DEPTH, bottom: TOO_DEEP });
  });

  it('keeps a key named __proto__ as the object own key, as JSON.parse made it', () => {
    const parsed = JSON.parse(`{"__proto__": {"polluted": ${JSON.stringify(nested(2))}}}`) as object;
    const cut = withinDepth(parsed, 3) as Record<string, unknown>;
    expect(Object.getPrototypeOf(cut)).toBe(Object.prototype);
    expect(Object.hasOwn(cut, '__proto__')).toBe(true);
    expect(cut['__proto__']).toEqual({ polluted: [TOO_DEEP] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
