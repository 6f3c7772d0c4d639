import pg from 'pg';

/**
 * How values come back from PostgreSQL, so rows read the same as SQLite's: counts and sums (bigint,
 * numeric) as numbers, instants as ISO-8601 UTC text with milliseconds (what the mappers store in SQLite),
 * flags as 1 and 0, jsonb as its text. Set per pool, never on the driver's global table.
 */
const OID = { bool: 16, int8: 20, json: 114, timestamp: 1114, timestamptz: 1184, numeric: 1700, jsonb: 3802 } as const;

const parsers = new Map<number, (text: string) => unknown>([
  [OID.int8, Number],
  [OID.numeric, Number],
  [OID.bool, (text) => (text === 't' ? 1 : 0)],
  [OID.timestamptz, isoInstant],
  [OID.timestamp, (text) => isoInstant(`${text}+00`)],
  [OID.json, (text) => text],
  [OID.jsonb, (text) => text],
]);

export const storeTypes = {
  getTypeParser: ((oid: number, format?: string) => {
    const own = format === 'binary' ? undefined : parsers.get(oid);
    return own ?? pg.types.getTypeParser(oid, format as 'text');
  }) as typeof pg.types.getTypeParser,
};

// `2026-11-20 12:00:00.123456+05:30`, in whatever time zone the session uses.
const PG_INSTANT = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d+))?([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?$/;

// The same in UTC, which a server set to it gives for every instant: rewritten in place, no Date built (a tenth of
// the time of `report open` over a million incidents went to parsing its 100,000 instants the general way).
const PG_UTC_INSTANT = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?\+00$/;

/** PostgreSQL's text form of an instant as `toISOString()` writes it; `infinity` and BC dates come back as they are. */
export function isoInstant(text: string): string {
  if (PG_UTC_INSTANT.test(text)) {
    // Milliseconds cut, not rounded, as below.
    const fraction = text.length > 22 ? text.slice(20, -3) : '';
    return `${text.slice(0, 10)}T${text.slice(11, 19)}.${fraction.padEnd(3, '0').slice(0, 3)}Z`;
  }
  const m = PG_INSTANT.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0'] = m;
  const offsetMs = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1000 * (sign === '-' ? -1 : 1);
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const at = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  // Set apart: Date.UTC reads years 0-99 as 1900-1999.
  at.setUTCFullYear(Number(y));
  return new Date(at.getTime() - offsetMs).toISOString();
}
