import { loadConfig } from '../../config.js';
import { openStore } from '../../db/index.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { formatSeconds, parseDuration } from '../../lib/duration.js';
import { ConfigError } from '../../lib/errors.js';
import { REPORTS, REPORT_NAMES, isReportName, type ReportDefinition, type ReportName, type ReportRequest, type ReportRow } from '../../reports/index.js';
import { readEnv, type CliIo } from '../io.js';
import { chosenStore, type StoreChoice } from '../store-choice.js';
import { renderCsv, renderJson, renderTable, type Cell, type OutputFormat } from '../table.js';

export interface ReportOptions extends StoreChoice {
  since?: string;
  until?: string;
  team?: string[];
  format?: string;
  by?: string;
  limit?: string;
}

export const REPORT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

const DEFAULT_WINDOW_MS = 30 * 86_400_000;

/** Prints one report of the store to stdout. Every option is checked before the store is opened. */
export async function reportCommand(io: CliIo, name: string, options: ReportOptions, clock: Clock = systemClock): Promise<number> {
  const report = findReport(name);
  const format = parseFormat(options.format);
  const request = parseRequest(report, options, clock.now());
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const store = await openStore(chosenStore(config, options), { mode: 'read' });
  try {
    io.stdout.write(renderReport(report.name, await report.run(store.reader, request), format, request.by));
  } finally {
    await store.close();
  }
  return 0;
}

/**
 * Renders rows of a report. `table` is for people: id columns that have a name column beside them
 * are left out (the id shows where the name is null), and `_seconds` columns become spans such as `3h 12m`. `csv` and `json` keep every
 * column, with seconds as numbers and nulls kept (empty fields in CSV). A table of a report that may
 * have nothing to show yet says so in one line instead of printing bare headers.
 */
export function renderReport(name: ReportName, rows: readonly ReportRow[], format: OutputFormat, by?: string): string {
  const columns = REPORTS[name].columns(by);
  if (format === 'json') return renderJson(rows);
  if (format === 'csv') return renderCsv(columns, rows.map((row) => columns.map((c) => row[c] ?? null)));
  const empty = REPORTS[name].empty;
  if (rows.length === 0 && empty !== undefined) return `${empty}\n`;
  const shown = columns.filter((c) => !(c.endsWith('_id') && columns.includes(c.replace(/_id$/, '_name'))));
  const headers = shown.map((c) => c.replace(/_seconds$/, ''));
  return renderTable(headers, rows.map((row) => shown.map((c) => tableCell(c, row[c] ?? nameless(c, row)))));
}

/** A name column left out of the table stands in for its id; a row without a name (a person not stored) shows the id. */
function nameless(column: string, row: ReportRow): Cell {
  return column.endsWith('_name') ? (row[column.replace(/_name$/, '_id')] ?? null) : null;
}

function tableCell(column: string, value: Cell): Cell {
  if (!column.endsWith('_seconds')) return value;
  return typeof value === 'number' ? formatSeconds(value) : null;
}

function findReport(name: string): ReportDefinition {
  if (!isReportName(name)) throw new ConfigError('report', `unknown report "${name}"; expected one of ${REPORT_NAMES.join(', ')}`);
  return REPORTS[name];
}

function parseFormat(format: string | undefined): OutputFormat {
  const found = REPORT_FORMATS.find((f) => f === (format ?? 'table'));
  if (found === undefined) throw new ConfigError('--format', `must be one of ${REPORT_FORMATS.join(', ')}; got "${format}"`);
  return found;
}

function parseRequest(report: ReportDefinition, options: ReportOptions, now: Date): ReportRequest {
  const until = options.until === undefined ? now : parseInstant('--until', options.until, now);
  const since = options.since === undefined ? new Date(until.getTime() - DEFAULT_WINDOW_MS) : parseInstant('--since', options.since, now);
  if (since.getTime() >= until.getTime()) {
    throw new ConfigError('--since', `must be before --until (${since.toISOString()} is not before ${until.toISOString()})`);
  }
  return {
    since,
    until,
    now,
    teams: options.team && options.team.length > 0 ? options.team : undefined,
    by: parseBy(report, options.by),
    limit: parseLimit(report, options.limit),
  };
}

function parseBy(report: ReportDefinition, by: string | undefined): string | undefined {
  if (by === undefined) return undefined;
  if (!report.groupings) throw new ConfigError('--by', `the ${report.name} report has no grouping; only mtta-mttr and volume take --by`);
  if (!report.groupings.includes(by)) {
    throw new ConfigError('--by', `must be one of ${report.groupings.join(', ')} for the ${report.name} report; got "${by}"`);
  }
  return by;
}

function parseLimit(report: ReportDefinition, limit: string | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!report.limited) throw new ConfigError('--limit', `the ${report.name} report has no limit; only open and noisy take --limit`);
  const n = Number(limit);
  if (!/^\d+$/.test(limit.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new ConfigError('--limit', `must be a whole number of rows, 1 or more; got "${limit}"`);
  }
  return n;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** A date (UTC midnight), a date and time (UTC unless it names its offset), or a duration such as `30d` back from now. */
export function parseInstant(option: string, text: string, now: Date): Date {
  const value = text.trim();
  if (DATE_ONLY.test(value) || DATE_TIME.test(value)) {
    const iso = value.replace(' ', 'T') + (DATE_TIME.test(value) && !HAS_ZONE.test(value) ? 'Z' : '');
    const date = new Date(iso);
    // JavaScript rolls 2026-02-30 over into March; a date that does not round-trip is a typo.
    if (!Number.isNaN(date.getTime()) && (!DATE_ONLY.test(value) || date.toISOString().startsWith(value))) return date;
  } else if (/[a-z]$/i.test(value)) {
    // A bare number would be ambiguous (seconds? a year?), so a duration needs its unit.
    const ms = parseDuration(value);
    if (ms !== null) return new Date(now.getTime() - ms);
  }
  throw new ConfigError(option, `must be a date (2026-08-01), a UTC time (2026-08-01T12:00:00Z) or a duration back from now (30d, 12h, 2w); got "${text}"`);
}
