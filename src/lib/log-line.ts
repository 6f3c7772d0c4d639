import type { Scrubber } from './scrub.js';
import { escapeControls } from './terminal-text.js';

// JSON.stringify escapes C0 controls but leaves DEL, C1 controls (U+009B is a one-byte CSI) and bidi overrides raw.
const RAW_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const JSON_ESCAPE = /\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/' };

function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Makes one serialised pino line safe to write: secrets scrubbed, every unsafe character JSON-escaped
 * (same data for a JSON reader, inert on a terminal). For pino-pretty, which decodes the JSON and prints
 * strings raw, unsafe characters become visible text (`\x1b`) instead.
 */
export function safeLogLine(line: string, options: { scrub?: Scrubber; pretty?: boolean }): string {
  let out = options.scrub ? options.scrub(line) : line;
  out = out.replace(RAW_UNSAFE, unicodeEscape);
  if (!options.pretty) return out;
  // Escapes are matched left to right, so `\\n` (a backslash, then n) is never taken for a newline.
  return out.replace(JSON_ESCAPE, (sequence: string, body: string) => {
    const char = body.length === 5 ? String.fromCharCode(parseInt(body.slice(1), 16)) : (SIMPLE[body] ?? body);
    const shown = escapeControls(char);
    return shown === char ? sequence : JSON.stringify(shown).slice(1, -1);
  });
}
