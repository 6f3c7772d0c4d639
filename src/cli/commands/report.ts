import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../config.js';
import { openStore, type Store } from '../../db/index.js';
import { systemClock, type Clock } from '../../lib/clock.js';
import { parseDuration } from '../../lib/duration.js';
import { ConfigError } from '../../lib/errors.js';
import { terminalText } from '../../lib/terminal-text.js';
import { canonicalTimeZone } from '../../lib/time-zone.js';
import type { HtmlReportRequest, ReportSource } from '../../reports/index.js';
import { REPORTS, REPORT_NAMES, isReportName, type ReportDefinition, type ReportRequest } from '../../reports/index.js';
import { readEnv, type CliIo } from '../io.js';
import { chosenStore, type StoreChoice } from '../store-choice.js';
import { writeToReader } from '../pipe-output.js';
import { writeReport } from '../report-output.js';
import type { OutputFormat } from '../table.js';

export interface ReportOptions extends StoreChoice {
  since?: string;
  until?: string;
  team?: string[];
  format?: string;
  by?: string;
  limit?: string;
  /** `report html` only: the file to write, `-` for stdout. */
  out?: string;
  /** `report html` only: the IANA zone of the hour-of-week heat map. */
  tz?: string;
}

/** The page, as opposed to the table reports: `report html`. */
export const HTML_REPORT = 'html';
export const DEFAULT_HTML_OUT = './spike-report.html';

export const REPORT_FORMATS: readonly OutputFormat[] = ['table', 'csv', 'json'];

const DEFAULT_WINDOW_MS = 30 * 86_400_000;

/** Prints one report of the store to stdout. Every option is checked before the store is opened. */
export async function reportCommand(io: CliIo, name: string, options: ReportOptions, clock: Clock = systemClock): Promise<number> {
  if (name === HTML_REPORT) return htmlReportCommand(io, options, clock);
  for (const [given, option] of [[options.out, '--out'], [options.tz, '--tz']] as const) {
    if (given !== undefined) throw new ConfigError(option, `applies only to the html report`);
  }
  const report = findReport(name);
  const format = parseFormat(options.format);
  const request = parseRequest(report, options, clock.now());
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const store = await openStore(chosenStore(config, options), { mode: 'read' });
  try {
    await warnOfUnknownTeams(io, store, chosenTeams(options));
    await writeReport(io.stdout, report, store.reader, request, format);
  } finally {
    await store.close();
  }
  return 0;
}

/** Writes the html report of the store to `--out` (default ./spike-report.html) or stdout. Options are checked first. */
async function htmlReportCommand(io: CliIo, options: ReportOptions, clock: Clock): Promise<number> {
  for (const [given, option] of [[options.by, '--by'], [options.limit, '--limit']] as const) {
    if (given !== undefined) throw new ConfigError(option, 'does not apply to the html report');
  }
  if (options.format !== undefined && options.format !== 'table') throw new ConfigError('--format', 'does not apply to the html report, which is one HTML page');
  const now = clock.now();
  const request: HtmlReportRequest = { ...parseWindow(options, now), now, teams: chosenTeams(options), timeZone: parseTimeZone(options.tz) };
  const out = options.out ?? DEFAULT_HTML_OUT;
  if (out.trim() === '') throw new ConfigError('--out', 'is empty; give a file, or - for stdout');
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const store = await openStore(chosenStore(config, options), { mode: 'read' });
  try {
    await warnOfUnknownTeams(io, store, request.teams);
    if (out === '-') await writeToReader(io.stdout, async (put) => put(await buildHtml(store.reader, request)));
    else io.stdout.write(`Wrote the report to ${terminalText(await writeHtmlReport(store.reader, request, out))}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

/** Builds the page; its modules (and Plot, linkedom) load only here. */
async function buildHtml(source: ReportSource, request: HtmlReportRequest): Promise<string> {
  return (await import('../../reports/html/index.js')).buildHtmlReport(source, request);
}

/**
 * Builds the html report and writes it to `file` through a temporary file beside it, so a reader never opens half
 * a page. Returns the file's absolute path.
 */
export async function writeHtmlReport(source: ReportSource, request: HtmlReportRequest, file: string): Promise<string> {
  const page = await buildHtml(source, request);
  const target = resolve(file);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, page);
    renameSync(temporary, target);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw new ConfigError('--out', `cannot write ${target}: ${(err as Error).message}`);
  }
  return target;
}

/** A zone the runtime knows (Europe/Berlin, America/New_York, UTC), in its canonical spelling. */
export function parseTimeZone(zone: string | undefined): string {
  if (zone === undefined) return 'UTC';
  const found = canonicalTimeZone(zone.trim());
  if (found === null) throw new ConfigError('--tz', `must be an IANA time zone such as UTC, Europe/Berlin or America/New_York; got "${zone}"`);
  return found;
}

function findReport(name: string): ReportDefinition {
  // `html` has a subcommand of its own, so it is no report name here, but it is one a user may ask for.
  if (!isReportName(name)) throw new ConfigError('report', `unknown report "${name}"; expected one of ${[...REPORT_NAMES, 'html'].join(', ')}`);
  return REPORTS[name];
}

function parseFormat(format: string | undefined): OutputFormat {
  const found = REPORT_FORMATS.find((f) => f === (format ?? 'table'));
  if (found === undefined) throw new ConfigError('--format', `must be one of ${REPORT_FORMATS.join(', ')}; got "${format}"`);
  return found;
}

function parseRequest(report: ReportDefinition, options: ReportOptions, now: Date): ReportRequest {
  return {
    ...parseWindow(options, now),
    now,
    teams: chosenTeams(options),
    by: parseBy(report, options.by),
    limit: parseLimit(report, options.limit),
  };
}

/**
 * A --team the store holds no live team for leaves its rows out without a word: a mistyped id would look like a quiet
 * team. Said on stderr, as `sync` says it; the report is still printed, for the teams there are.
 */
async function warnOfUnknownTeams(io: CliIo, store: Store, teams: readonly string[] | undefined): Promise<void> {
  if (!teams) return;
  const live = new Set((await store.listStoredTeams()).map((team) => team.id));
  const unknown = teams.filter((id) => !live.has(id));
  if (unknown.length > 0) io.stderr.write(`spike-sync: warning: not a live team of this store: ${unknown.join(', ')}\n`);
}

function chosenTeams(options: ReportOptions): string[] | undefined {
  return options.team && options.team.length > 0 ? options.team : undefined;
}

/** `--since` and `--until`: by default the 30 days up to now. */
function parseWindow(options: ReportOptions, now: Date): { since: Date; until: Date } {
  const until = options.until === undefined ? now : parseInstant('--until', options.until, now);
  const since = options.since === undefined ? new Date(until.getTime() - DEFAULT_WINDOW_MS) : parseInstant('--since', options.since, now);
  if (since.getTime() >= until.getTime()) {
    throw new ConfigError('--since', `must be before --until (${since.toISOString()} is not before ${until.toISOString()})`);
  }
  return { since, until };
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
