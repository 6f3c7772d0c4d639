/**
 * Text from the API (team names, incident titles, error messages) is attacker-controlled: anyone who
 * can send an alert to Spike chooses a title. Before it reaches a terminal, C0 controls (ESC, CR, LF,
 * TAB…), DEL, C1 controls (U+0080–U+009F, U+009B being a one-byte CSI) and bidi overrides/isolates
 * are shown as visible escapes, so they can neither drive the terminal nor forge or reorder lines.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const UNSAFE_TEST = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

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

/** Number of code points: the width a table pads to (wide CJK glyphs are not measured). */
export function charCount(text: string): number {
  return /[\ud800-\udfff]/.test(text) ? Array.from(text).length : text.length;
}
