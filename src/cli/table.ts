import { charCount, inertJson, terminalText } from '../lib/terminal-text.js';

export type Cell = string | number | null;

export type OutputFormat = 'table' | 'csv' | 'json';

/** Widest a table cell gets: a long title would otherwise make every row as wide as itself. */
export const MAX_CELL_CHARS = 80;

/**
 * Aligned text columns: numbers right, text left. Cells are shown safe for a terminal (controls
 * escaped, see terminalText) and cut to MAX_CELL_CHARS with `…`.
 */
export function renderTable(headers: readonly string[], rows: readonly Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (cell === null ? '-' : terminalText(String(cell), MAX_CELL_CHARS))));
  const titles = headers.map((h) => terminalText(h, MAX_CELL_CHARS));
  const widths = titles.map((h, i) => Math.max(charCount(h), ...text.map((r) => charCount(r[i] ?? ''))));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const pad = (c: string, i: number) => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - charCount(c)));
    return numeric[i] ? fill + c : c + fill;
  };
  const line = (cells: readonly string[]) => cells.map(pad).join('  ').trimEnd();
  return [line(titles), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n') + '\n';
}

/**
 * RFC 4180 CSV (with LF line ends); nulls become empty fields. A field holding a comma, quote, CR or LF
 * is quoted with inner quotes doubled; the text itself is kept as it is, for the program that reads it.
 */
export function renderCsv(headers: readonly string[], rows: readonly Cell[][]): string {
  return csvLines([headers, ...rows]);
}

/** Lines of renderCsv, each ended by its LF: a header, rows, or both, so a long result can be written a part at a time. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\n`).join('');
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  const s = String(cell);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Indented JSON; controls a terminal would obey are written as `\u` escapes, so the data is the same. */
export function renderJson(value: unknown): string {
  return `${inertJson(JSON.stringify(value, null, 2))}\n`;
}

/**
 * renderJson of an array, a part at a time: the text of `items` as elements, the first of them opening the array
 * when `first`, then jsonArrayEnd. Put together, the parts are renderJson's text of the whole array.
 */
export function jsonElements(items: readonly unknown[], first: boolean): string {
  const text = items.map((item, i) => `${first && i === 0 ? '[\n  ' : ',\n  '}${JSON.stringify(item, null, 2).replaceAll('\n', '\n  ')}`).join('');
  return inertJson(text);
}

/** What closes an array written by jsonElements; `empty` when no element was written. */
export function jsonArrayEnd(empty: boolean): string {
  return empty ? '[]\n' : '\n]\n';
}
