/** Raised by a mapper for an item it cannot use; the job skips the item and counts it. */
export class MappingError extends Error {}

export type Mapped<Row> = { ok: true; row: Row } | { ok: false; error: string };

type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The item's `_id`, which every synced entity needs as its key. */
export function requireId(item: Obj): string {
  const id = item._id ?? item.id;
  if (typeof id === 'string' && id.trim()) return id;
  if (typeof id === 'number') return String(id);
  throw new MappingError('item has no _id');
}

/** A text field: strings pass, numbers are stringified, anything else is absent. */
export function optionalText(value: unknown): string | null {
  if (typeof value === 'string') return value;
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

/** A timestamp as ISO-8601 UTC; absent stays null, but a value that is there and unparseable is an error. */
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function optionalTime(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  // Spike's usual form is already what we store; parsing and re-formatting it is most of a mapper's cost.
  if (typeof value === 'string' && CANONICAL_TIME.test(value) && !Number.isNaN(Date.parse(value))) return value;
  if (typeof value !== 'string' && typeof value !== 'number') throw new MappingError(`${field} is not a timestamp`);
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new MappingError(`${field} is not a valid timestamp: ${JSON.stringify(value).slice(0, 40)}`);
  return date.toISOString();
}

/** Spike returns references either populated (`{_id, name}`) or as a bare id. */
export function reference(value: unknown, nameKeys: readonly string[] = ['name']): { id: string | null; name: string | null } {
  if (typeof value === 'string') return { id: value, name: null };
  if (!isObject(value)) return { id: null, name: null };
  const name = nameKeys.map((k) => optionalText(value[k])).find((n) => n !== null) ?? null;
  return { id: optionalText(value._id ?? value.id), name };
}

/** Ids from a list of ids or of populated objects. */
export function idList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((v) => (isObject(v) ? optionalText(v._id ?? v.id) : optionalText(v))).filter((v): v is string => v !== null);
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
