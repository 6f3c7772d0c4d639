import { describe, expect, it } from 'vitest';
import { MappingError, optionalTime } from '../../src/jobs/mappers/fields.js';

function reasonFor(value: unknown): string {
  try {
    optionalTime(value, 'NACK_at');
  } catch (err) {
    if (err instanceof MappingError) return err.message;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('optionalTime', () => {
  it.each([
    ['2026-11-20T10:00:00.000Z', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T10:00:00.123456', '2026-11-20T10:00:00.123Z'],
    ['2026-11-20 10:00', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['2026-11-20T15:30:00+05:30', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T15:30:00+0530', '2026-11-20T10:00:00.000Z'],
    ['2026-11-20T05:00:00-05', '2026-11-20T10:00:00.000Z'],
    ['Fri, 20 Nov 2026 10:00:00 GMT', '2026-11-20T10:00:00.000Z'],
    [1_795_168_800, '2026-11-20T10:00:00.000Z'],
    [1_795_168_800.5, '2026-11-20T10:00:00.500Z'],
    [1_795_168_800_000, '2026-11-20T10:00:00.000Z'],
    ['1795168800', '2026-11-20T10:00:00.000Z'],
    ['1795168800000', '2026-11-20T10:00:00.000Z'],
    // Just below the boundary is seconds (year 5138), at it milliseconds (1973 is then refused below).
    [99_999_999_999, '5138-11-16T09:46:39.000Z'],
    ['2028-02-29T23:59:59.999Z', '2028-02-29T23:59:59.999Z'],
    ['2000-02-29T12:00:00.000Z', '2000-02-29T12:00:00.000Z'],
    // ISO's end of a day is the next day's midnight, as PostgreSQL reads it too.
    ['2026-11-20T24:00:00.000Z', '2026-11-21T00:00:00.000Z'],
    ['2026-12-31T24:00', '2027-01-01T00:00:00.000Z'],
  ])('reads %j as %s', (value, expected) => {
    expect(optionalTime(value, 'NACK_at')).toBe(expected);
  });

  it.each([
    [0, /epoch value before 2000/],
    [86_400, /epoch value before 2000/],
    [1e11, /epoch value before 2000/],
    [-5, /epoch value before 2000/],
    ['20 Nov 2026 10:00', /neither ISO-8601 nor names its time zone/],
    ['2026/11/20 10:00:00', /neither ISO-8601 nor names its time zone/],
    ['soon', /not a valid timestamp: "soon"/],
    ['2026-13-45T10:00:00', /not a real date and time/],
    // Days and hours Date.parse rolls over into the next month or day; PostgreSQL refuses the first kind.
    ['2026-02-30T00:00:00.000Z', /not a real date and time: "2026-02-30T00:00:00.000Z"/],
    ['2026-02-29T10:00:00.000Z', /not a real date and time/],
    ['2026-04-31', /not a real date and time/],
    ['2026-11-20T24:00:00.001Z', /not a real date and time/],
    ['2026-11-20T24:01', /not a real date and time/],
    ['2026-11-20T10:60:00+02:00', /not a real date and time/],
    ['2026-11-20T10:00:61', /not a real date and time/],
    [Number.NaN, /not a valid timestamp/],
    [true, /is not a timestamp/],
    // Epoch microseconds read as milliseconds: year 56854, which PostgreSQL refuses and no report can use.
    [1_732_000_000_000_000, /outside the years 1970-9999/],
    ['0050-06-01T00:00:00.000Z', /outside the years 1970-9999/],
    ['1969-12-31T23:59:59.999Z', /outside the years 1970-9999/],
    ['+010000-01-01T00:00:00.000Z', /neither ISO-8601 nor names its time zone/],
    [253_402_300_800_000, /outside the years 1970-9999/],
  ])('refuses %j with a reason', (value, reason) => {
    expect(reasonFor(value)).toMatch(reason);
  });

  it('keeps absent values null', () => {
    for (const value of [undefined, null, '']) expect(optionalTime(value, 'RES_at')).toBeNull();
  });
});
