/**
 * Text from the API (team names, incident titles, error messages) is attacker-controlled: anyone who
 * can send an alert to Spike chooses a title. Before it reaches a terminal, C0 controls (ESC, CR, LF,
 * TAB…), DEL, C1 controls (U+0080–U+009F, U+009B being a one-byte CSI) and bidi overrides/isolates
 * are shown as visible escapes, so they can neither drive the terminal nor forge or reorder lines.
 */
// The one list of characters that must not reach a terminal raw: C0 and DEL/C1 controls, the bidi marks (the Arabic
// letter mark U+061C among them), embeddings, overrides and isolates, and the line and paragraph separators, which
// some readers of JSON lines (Python's splitlines) take for line breaks. Every sanitiser (tables, logs, JSON output,
// redirect targets) uses it. JSON.stringify escapes C0 itself; the rest it leaves raw.
const ABOVE_C0 = '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${ABOVE_C0}]`, 'g');
const UNSAFE_TEST = new RegExp(`[\\u0000-\\u001f${ABOVE_C0}]`);
const RAW_IN_JSON = new RegExp(`[${ABOVE_C0}]`, 'g');

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return SHORT[char] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** `text` with every unsafe character replaced by a visible escape such as `\x1b` or `\u202e`. */
export function escapeControls(text: string): string {
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE, visible) : text;
}

/**
 * Escapes controls, then cuts to at most `maxChars` characters (code points, so an emoji is not split
 * in half), ending a cut text with `…`.
 */
export function terminalText(text: string, maxChars = Infinity): string {
  const safe = escapeControls(text);
  if (safe.length <= maxChars) return safe;
  const chars = Array.from(safe);
  return chars.length <= maxChars ? safe : `${chars.slice(0, Math.max(0, maxChars - 1)).join('')}…`;
}

/** Longest a `spike-sync: …` error line gets: API text in it can be arbitrarily long. */
export const MAX_ERROR_LINE_CHARS = 1000;

/** Number of code points: the width a table pads to (wide CJK glyphs are not measured). */
export function charCount(text: string): number {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text).length : text.length;
}

/**
 * Serialised JSON with DEL, C1 controls and bidi characters written as `\uXXXX` escapes: the same data for
 * any JSON reader, inert when the output is shown on a terminal (`report --format json`, `status`, logs).
 */
export function inertJson(json: string): string {
  return json.replace(RAW_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `text` with every unsafe character removed, for a short label where an escape would only add noise. */
export function withoutControls(text: string): string {
  return text.replace(UNSAFE, '');
}
