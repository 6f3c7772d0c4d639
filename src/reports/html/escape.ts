import { terminalText } from '../../lib/terminal-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe inside an HTML element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Longest an API text (a team, person or alert title) is shown in a label or a cell. */
export const LABEL_CHARS = 60;

/**
 * API text (team names, alert titles, people's names) as shown on the page: controls and bidi marks as visible
 * escapes, cut to `maxChars`. Still to be escaped by whatever writes it (escapeHtml here, Plot in the charts).
 */
export function apiText(text: string | null | undefined, maxChars = LABEL_CHARS): string {
  return terminalText(text ?? '', maxChars);
}

/** Tagged template that HTML-escapes every interpolated value except those already made by `html`. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

/** Markup made elsewhere and trusted as is (a chart's SVG from Plot, which escapes the text it draws). */
export function trusted(markup: string): Html {
  return new Html(markup);
}
