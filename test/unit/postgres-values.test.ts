import { describe, expect, it } from 'vitest';
import { storable } from '../../src/db/postgres/entity-writer.js';
import { bindStatement, compile } from '../../src/db/postgres/executor.js';
import { isoInstant } from '../../src/db/postgres/types.js';
import { maskPassword } from '../../src/db/index.js';

// The PostgreSQL store's own conversions, without a server: parameters, instants, refused characters, URLs.

describe('compile (@name parameters to $n)', () => {
  it('numbers each distinct name once, in order of first use', () => {
    expect(compile('SELECT * FROM t WHERE a = @a AND b > @b OR a < @a')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b > $2 OR a < $1', names: ['a', 'b'] });
  });

  it('leaves casts, emails, strings, quoted identifiers and comments alone', () => {
    const sql = `SELECT CAST(@ids AS text[]), x::int, 'mail@example.com', ' @foo', "@col", 'it''s @x' -- note @c\n /* @d */ FROM t WHERE y = @y`;
    expect(compile(sql)).toEqual({
      text: `SELECT CAST($1 AS text[]), x::int, 'mail@example.com', ' @foo', "@col", 'it''s @x' -- note @c\n /* @d */ FROM t WHERE y = $2`,
      names: ['ids', 'y'],
    });
  });
});

describe('bindStatement (a part of a larger statement)', () => {
  it('numbers its parameters from the one it is given, with their values in that order', () => {
    const statement = { sql: 'UPDATE t SET n = CASE WHEN n > @n THEN n ELSE @n END WHERE id = @id', params: { id: 7, n: 3 } };
    expect(bindStatement(statement, 202)).toEqual({ text: 'UPDATE t SET n = CASE WHEN n > $202 THEN n ELSE $202 END WHERE id = $203', values: [3, 7] });
    // The same text numbered from $1 is still what it was.
    expect(bindStatement(statement)).toEqual({ text: 'UPDATE t SET n = CASE WHEN n > $1 THEN n ELSE $1 END WHERE id = $2', values: [3, 7] });
  });

  it('sends an absent value as NULL and refuses a statement missing one', () => {
    expect(bindStatement({ sql: 'SELECT @a, @b', params: { a: undefined, b: 1 } }).values).toEqual([null, 1]);
    expect(() => bindStatement({ sql: 'SELECT @a', params: {} })).toThrow('the statement needs a value for @a');
  });
});

describe('isoInstant (PostgreSQL text to ISO-8601 UTC)', () => {
  it.each([
    ['2026-11-20 12:00:00+00', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20 12:00:00.1+00', '2026-11-20T12:00:00.100Z'],
    ['2026-11-20 12:00:00.123456+00', '2026-11-20T12:00:00.123Z'],
    ['2026-11-20 17:30:00.5+05:30', '2026-11-20T12:00:00.500Z'],
    ['2026-11-20 17:45:00+05:45', '2026-11-20T12:00:00.000Z'],
    ['2026-11-20 08:30:00-03:30', '2026-11-20T12:00:00.000Z'],
    ['1890-01-01 00:19:32+00:19:32', '1890-01-01T00:00:00.000Z'],
    ['0050-06-01 00:00:00+00', '0050-06-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(isoInstant(text)).toBe(iso);
  });

  it('reads instants in UTC, with 0 to 6 fractional digits, as Date writes them', () => {
    for (let i = 0; i < 500; i++) {
      // Instants from 1970 to 2100.
      const ms = (i * 7_919_993_311) % 4_102_444_800_000;
      const iso = new Date(ms).toISOString();
      const fraction = `${iso.slice(20, 23)}${String(i % 1000).padStart(3, '0')}`.slice(0, i % 7);
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''}+00`;
      expect(isoInstant(text)).toBe(new Date(ms - (ms % 1000) + Number(fraction.padEnd(3, '0').slice(0, 3))).toISOString());
    }
  });

  it('returns what it cannot read as it is', () => {
    for (const text of ['infinity', '-infinity', '2026-11-20 12:00:00 BC']) expect(isoInstant(text)).toBe(text);
  });
});

describe('storable (what PostgreSQL refuses)', () => {
  it('replaces NUL in text, and NUL and unpaired surrogates in JSON, with U+FFFD', () => {
    expect(storable('disk\u0000full', false)).toBe('disk\uFFFDfull');
    const raw = JSON.stringify({ message: 'cut \ud83d', ok: '\ud83d\ude00', ['k\u0000']: 'a\u0000b', literal: 'x\\u0000y' });
    expect(JSON.parse(storable(raw, true) as string)).toEqual({ message: 'cut \uFFFD', ok: '\ud83d\ude00', ['k\uFFFD']: 'a\uFFFDb', literal: 'x\\u0000y' });
  });

  it('leaves everything else exactly as it was', () => {
    const raw = JSON.stringify({ message: 'héllo 😀 \\ " ' });
    expect(storable(raw, true)).toBe(raw);
    expect(storable('plain', false)).toBe('plain');
    expect(storable(undefined, false)).toBeNull();
    expect(storable(true, false)).toBe(true);
  });
});

describe('maskPassword', () => {
  it.each([
    ['postgres://u:hunter2@db:5432/x', 'postgres://u:***@db:5432/x'],
    ['postgresql://u:p%40ss%3Aword@db/x?sslmode=require', 'postgresql://u:***@db/x?sslmode=require'],
    ['postgres://u@db/x?password=hunter2&sslmode=verify-full', 'postgres://u@db/x?password=***&sslmode=verify-full'],
    ['postgres://db/x', 'postgres://db/x'],
    ['not a url hunter2', '(an unparseable URL)'],
  ])('%s → %s', (url, masked) => {
    expect(maskPassword(url)).toBe(masked);
    expect(maskPassword(url)).not.toMatch(/hunter2|p%40ss/);
  });
});
