import { isObject, type JsonObject as Obj } from '../../lib/ids.js';

export { isObject };

/** Raised by a mapper for an item it cannot use; the job skips the item and counts it. */
export class MappingError extends Error {}

export type Mapped<Row> = { ok: true; row: Row } | { ok: false; error: string };

/** Spike ids are 24 hex characters; anything far longer is not an id, and would swell every key built from it. */
export const MAX_ID_LENGTH = 128;
/** Whether `text` holds a C0 or C1 control: a NUL cannot be sent to PostgreSQL at all, and none belongs in a key. */
function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}

/**
 * An id from the API as a key may hold it: text or a number, null when absent or blank, an error when it holds
 * control characters or is longer than MAX_ID_LENGTH (PostgreSQL refuses the one, and index rows over ~2.7 KB the other).
 */
export function boundedId(value: unknown, field: string): string | null {
  const id = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof id !== 'string' || id.trim() === '') return null;
  if (id.length > MAX_ID_LENGTH) throw new MappingError(`${field} is longer than ${MAX_ID_LENGTH} characters`);
  if (hasControlChar(id)) throw new MappingError(`${field} contains control characters`);
  if (!id.isWellFormed()) throw new MappingError(`${field} contains half of a character (a lone surrogate)`);
  return id;
}

/** The item's `_id` (or `id`), which every synced entity needs as its key. */
export function requireId(item: Obj): string {
  const id = boundedId(item._id ?? item.id, '_id');
  if (id === null) throw new MappingError('item has no _id');
  return id;
}

/**
 * A text field: strings pass, numbers are stringified, anything else is absent. A lone surrogate (half of a
 * character, which JSON can carry as `\ud800`) becomes U+FFFD: SQLite would store bytes that are not UTF-8, which
 * Python's sqlite3 and the BI tools built on it refuse to read.
 */
export function optionalText(value: unknown): string | null {
  if (typeof value === 'string') return value.isWellFormed() ? value : value.toWellFormed();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** Like optionalText, but a value that is there and is not text is an error rather than absent. */
export function strictText(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  const text = optionalText(value);
  if (text === null) throw new MappingError(`${field} is not text`);
  return text;
}

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
  if (typeof value === 'string' && CANONICAL_TIME.test(value) && value >= EARLIEST_TEXT && isRealTime(value.slice(0, 10), value.slice(11, 19))) return value;
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
    if (!isRealTime(date, time)) throw new MappingError(`${field} is not a real date and time: ${JSON.stringify(value).slice(0, 40)}`);
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
 * Date.parse rolls 2026-02-30 over to March 2 and 24:00 to the next day, where PostgreSQL refuses the first: an item
 * with such a time failed its whole page there on every run, and SQLite kept text no report reads right.
 */
function isRealTime(date: string, time: string): boolean {
  const [year, month, day] = [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
  const [hour, minute, second] = [Number(time.slice(0, 2)), Number(time.slice(3, 5)), time.length > 5 ? Number(time.slice(6, 8)) : 0];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour <= 23 && minute <= 59 && second <= 59;
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Spike returns references either populated (`{_id, name}`) or as a bare id. */
export function reference(value: unknown, nameKeys: readonly string[] = ['name'], field = 'reference'): { id: string | null; name: string | null } {
  if (!isObject(value)) return { id: boundedId(value, field), name: null };
  const name = nameKeys.map((k) => boundedText(value[k], MAX_NAME_LENGTH)).find((n) => n !== null) ?? null;
  return { id: boundedId(value._id ?? value.id, field), name };
}

/** Ids from a list of ids or of populated objects. */
export function idList(value: unknown, field = 'id list'): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => boundedId(isObject(v) ? v._id ?? v.id : v, field)).filter((v): v is string => v !== null);
}

/** An item that must be an object to be mapped at all. */
export function objectItem(item: unknown): Record<string, unknown> {
  if (!isObject(item)) throw new MappingError('item is not an object');
  return item;
}

/** Runs a mapper that throws MappingError, turning the error into a skip result. */
export function attempt<Row>(map: () => Row): Mapped<Row> {
  try {
    return { ok: true, row: map() };
  } catch (err) {
    if (err instanceof MappingError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Longest text kept in a typed column: names and descriptions come from the API and are untrusted. */
export const MAX_TEXT_LENGTH = 2000;
/**
 * A referenced entity's name (service, integration, escalation policy) as an incident carries it: reports group by
 * it and the report index holds it, and PostgreSQL refuses index rows over about 2.7 KB.
 */
export const MAX_NAME_LENGTH = 256;

/**
 * A short code: an incident's counter id (`pay-118`), priority and severity (`p1`, `sev2`), a user's role, a time zone
 * (IANA names are at most about 30 characters).
 * Priority and severity sit in the report index beside the service's name and three ids: at Spike's 24-character ids
 * its entry stays under PostgreSQL's limit of about 2.7 kB even at four bytes a character, where an unbounded label
 * failed the whole page.
 */
export const MAX_CODE_LENGTH = 64;

/** optionalText cut to `max` characters (whole code points), so one huge field cannot bloat every row and report. */
export function boundedText(value: unknown, max = MAX_TEXT_LENGTH): string | null {
  const text = optionalText(value);
  return text === null ? null : cutText(text, max);
}

/** `text` cut to `max` characters, whole code points (a surrogate pair is one character, never split). */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  return Array.from(text.slice(0, max * 2)).slice(0, max).join('');
}

/** A whole number from a number or numeric text (`"5"`), else null: Spike sends minutes either way. */
export function optionalCount(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

/** A boolean when the field is one, else null (absent or drifted). */
export function optionalFlag(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
