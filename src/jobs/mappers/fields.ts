import { isObject, type JsonObject as Obj } from '../../lib/ids.js';
import { MappingError } from './mapping-error.js';

export { isObject, MappingError };
export { optionalTime } from './time-field.js';

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
