import { MappingError } from './mapping-error.js';

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** A non-ISO text form (RFC 2822 and the like) is only read when it names its zone. */
const NAMED_ZONE = /(?:\bZ|\bGMT|\bUTC|[+-]\d{2}:?\d{2})\s*$/i;
/**
 * Epoch numbers below 10^11 are seconds, at or above are milliseconds. 10^11 s is the year 5138 and
 * 10^11 ms is March 1973, so neither reading of a real incident time falls on the wrong side.
 */
const EPOCH_MS_FROM = 1e11;
/** An epoch value before this is no Spike timestamp (a counter, a duration): skipped, never stored as 1970. */
const EARLIEST_EPOCH_MS = Date.UTC(2000, 0, 1);

/**
 * A timestamp as ISO-8601 UTC; absent stays null, but a value that is there and unusable is an error.
 * The same input gives the same instant on every host: an ISO time without a zone is UTC, a number
 * (or a string of digits) is epoch seconds or milliseconds, other text must name its zone.
 */
export function optionalTime(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  // Spike's usual form is already what we store; parsing and re-formatting it is most of a mapper's cost.
  if (typeof value === 'string' && CANONICAL_TIME.test(value) && value >= EARLIEST_TEXT && isRealTime(value.slice(0, 10), value.slice(11, 23))) return value;
  const ms = typeof value === 'number' || (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))
    ? epochMs(Number(value), field)
    : textMs(value, field);
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) throw new MappingError(`${field} is not a valid timestamp: ${JSON.stringify(value).slice(0, 40)}`);
  // Years 1970 to 9999 only: both stores hold them the same way (PostgreSQL refuses some others outright,
  // SQLite would keep text no report can read as a time).
  if (ms < EARLIEST_MS || ms >= LATEST_MS) throw new MappingError(`${field} is outside the years 1970-9999: ${JSON.stringify(value).slice(0, 40)}`);
  return date.toISOString();
}

const EARLIEST_MS = Date.UTC(1970, 0, 1);
const EARLIEST_TEXT = '1970';
const LATEST_MS = Date.UTC(10000, 0, 1);

function epochMs(n: number, field: string): number {
  if (!Number.isFinite(n)) throw new MappingError(`${field} is not a valid timestamp: ${n}`);
  const ms = n < EPOCH_MS_FROM ? n * 1000 : n;
  if (ms < EARLIEST_EPOCH_MS) throw new MappingError(`${field} is an epoch value before 2000 (${n}), not a timestamp`);
  return ms;
}

function textMs(value: unknown, field: string): number {
  if (typeof value !== 'string') throw new MappingError(`${field} is not a timestamp`);
  const text = value.trim();
  const iso = ISO_TIME.exec(text);
  if (iso) {
    const [, date = '', time = '00:00', zone = 'Z'] = iso;
    if (!isRealTime(date, time, { endOfDay: true })) throw new MappingError(`${field} is not a real date and time: ${JSON.stringify(value).slice(0, 40)}`);
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(3).replace(':', '') || '00'}`;
    return Date.parse(`${date}T${time}${offset}`);
  }
  const ms = Date.parse(text);
  // Date.parse reads such text in the host's zone: the same item would land on different instants.
  if (!Number.isNaN(ms) && !NAMED_ZONE.test(text)) throw new MappingError(`${field} is neither ISO-8601 nor names its time zone: ${JSON.stringify(value).slice(0, 40)}`);
  return ms;
}

/**
 * Whether ISO fields name a real day and time of day: `YYYY-MM-DD` and `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`.
 * Date.parse rolls 2026-02-30 over to March 2, which PostgreSQL refuses: an item with such a time failed its whole
 * page there on every run, and SQLite kept text no report reads right. With `endOfDay`, ISO's 24:00 (exactly) is
 * allowed, the next day's midnight, as Date.parse and PostgreSQL both read it; stored text is written as that midnight.
 */
function isRealTime(date: string, time: string, options: { endOfDay?: boolean } = {}): boolean {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const [hour, minute, second] = [Number(time.slice(0, 2)), Number(time.slice(3, 5)), time.length > 5 ? Number(time.slice(6, 8)) : 0];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && minute <= 59 && second <= 59)) return false;
  return hour <= 23 || (options.endOfDay === true && hour === 24 && minute === 0 && second === 0 && !/[1-9]/.test(time.slice(9)));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
