/**
 * IANA time zones through the runtime's own Intl data, so no zone table ships with spike-sync. A zone's
 * offset is read at an instant (daylight saving moves it), in whole minutes.
 */

/** The zone's canonical name, or null when the runtime does not know it. */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.trim() === '' || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (found === undefined) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** Minutes the zone's wall clock is ahead of UTC at `epochMs` (negative west of Greenwich). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / 60_000);
}
