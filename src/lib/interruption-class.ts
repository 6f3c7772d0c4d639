/**
 * When a notification reached a person, as PagerDuty classes interruptions: by the person's local time,
 * `sleep` is 22:00-08:00 every day, `business` 08:00-18:00 Monday to Friday, and `off_hours` the rest
 * (weekday evenings, weekend days).
 */
export type InterruptionClass = 'business' | 'off_hours' | 'sleep';

const SLEEP_FROM_HOUR = 22;
const SLEEP_UNTIL_HOUR = 8;
const BUSINESS_UNTIL_HOUR = 18;
const WEEKEND = new Set(['Sat', 'Sun']);

/** Formatters are costly to build and a store holds few zones; bounded in case the API sends many odd ones. */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 500;

function formatterFor(timeZone: string | null): Intl.DateTimeFormat {
  const zone = timeZone?.trim() || 'UTC';
  let found = formatters.get(zone);
  if (found) return found;
  try {
    found = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  } catch (err) {
    // A zone Intl does not know is the API's mistake, not a reason to lose the event: it is read as UTC.
    if (!(err instanceof RangeError) || zone === 'UTC') throw err;
    return formatterFor(null);
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(zone, found);
  return found;
}

/** The local weekday (`Mon`…`Sun`) and hour (0-23) of `at` in `timeZone` (null or invalid: UTC). */
export function localWeekdayHour(at: Date, timeZone: string | null): { weekday: string; hour: number } {
  let weekday = '';
  let hour = 0;
  for (const part of formatterFor(timeZone).formatToParts(at)) {
    if (part.type === 'weekday') weekday = part.value;
    else if (part.type === 'hour') hour = Number(part.value) % 24;
  }
  return { weekday, hour };
}

/** The class of an interruption at `at` for a person in `timeZone`. */
export function classifyInterruption(at: Date, timeZone: string | null): InterruptionClass {
  const { weekday, hour } = localWeekdayHour(at, timeZone);
  if (hour >= SLEEP_FROM_HOUR || hour < SLEEP_UNTIL_HOUR) return 'sleep';
  if (WEEKEND.has(weekday) || hour >= BUSINESS_UNTIL_HOUR) return 'off_hours';
  return 'business';
}
