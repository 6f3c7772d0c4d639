import type { Scrubber } from './scrub.js';
import { escapeControls, inertJson } from './terminal-text.js';

const JSON_ESCAPE = /\\(u[0-9a-fA-F]{4}|["\\/bfnrt])/g;
const SIMPLE: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/' };

/**
 * Makes one serialised pino line safe to write: secrets scrubbed, every unsafe character JSON-escaped
 * (same data for a JSON reader, inert on a terminal). For pino-pretty, which decodes the JSON and prints
 * strings raw, unsafe characters become visible text (`\x1b`) instead.
 */
export function safeLogLine(line: string, options: { scrub?: Scrubber; pretty?: boolean }): string {
  let out = options.scrub ? options.scrub(line) : line;
  out = inertJson(out);
  if (!options.pretty) return out;
  // Escapes are matched left to right, so `\\n` (a backslash, then n) is never taken for a newline.
  return out.replace(JSON_ESCAPE, (sequence: string, body: string) => {
    const char = body.length === 5 ? String.fromCharCode(parseInt(body.slice(1), 16)) : (SIMPLE[body] ?? body);
    const shown = escapeControls(char);
    return shown === char ? sequence : JSON.stringify(shown).slice(1, -1);
  });
}
