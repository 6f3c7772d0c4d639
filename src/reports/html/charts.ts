import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { formatSeconds } from '../../lib/duration.js';
import { WEEKDAYS, type HourOfWeekCell } from '../hour-of-week.js';
import { INTERRUPTION_CLASSES } from '../interruptions.js';
import type { NoisyRow } from '../noisy.js';
import type { OncallLoadRow } from '../oncall-load.js';
import type { VolumeRow } from '../volume.js';
import type { WeeklyRow } from '../weekly.js';
import { apiText } from './escape.js';

/**
 * The page's charts as SVG markup, drawn once when the report is built: Plot renders into linkedom's DOM, and the
 * page carries the result, no script. Plot escapes every text it draws (labels, <title> tooltips); API text is
 * also passed through apiText first, so no control character reaches the page. Each chart returns null when it
 * has nothing to draw: the page says so instead.
 */

/** Fits the page's 1280 px column; the SVG scales down (max-width: 100%) in print and narrower windows. */
const WIDTH = 1180;
const FACET_HEIGHT = 110;

/** Colour-blind-safe pair (blue, vermilion) for the two percentiles; p90 is also dashed. */
const PERCENTILE_COLOURS = { p50: '#0072b2', p90: '#d55e00' };
const VOLUME_COLOUR = '#0072b2';
/** Interruption classes: business yellow, off_hours orange, sleep red, dark enough to read against white. */
export const INTERRUPTION_COLOURS: Record<(typeof INTERRUPTION_CLASSES)[number], string> = { business: '#e6b400', off_hours: '#f07d00', sleep: '#c0152f' };
const ONCALL_COLOUR = '#5b6f8a';
/** Most people drawn in the on-call charts: the most loaded first, as oncall-load orders them. */
export const PEOPLE_ON_PAGE = 25;

/** Team ids to names as the charts label them. */
export type TeamNames = ReadonlyMap<string, string>;

function render(options: Plot.PlotOptions): string {
  const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
  const chart = Plot.plot({ width: WIDTH, style: { fontSize: '12px', background: 'white', color: '#1a1a1a' }, ...options, document: document as unknown as Plot.PlotOptions['document'] });
  return chart.outerHTML;
}

const incidentCount = (n: number) => `${n} incident${n === 1 ? '' : 's'}`;
const weekDate = (monday: string) => new Date(`${monday}T00:00:00Z`);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The unit a duration axis counts in, chosen from the largest value so ticks stay short. */
export function durationUnit(maxSeconds: number): { seconds: number; name: string } {
  if (maxSeconds < 180) return { seconds: 1, name: 'seconds' };
  if (maxSeconds < 3 * 3600) return { seconds: 60, name: 'minutes' };
  if (maxSeconds < 3 * 86_400) return { seconds: 3600, name: 'hours' };
  return { seconds: 86_400, name: 'days' };
}

function teamAxis(teams: TeamNames, ids: readonly string[]): Plot.ScaleOptions {
  return { label: null, domain: ids, tickFormat: (id: string) => apiText(teams.get(id) ?? id, 28) };
}

type Point = { team: string; week: Date; stat: 'p50' | 'p90'; seconds: number };

/** MTTA or MTTR p50 and p90 per ISO week, one panel per team that had values. */
export function weeklyResponseChart(rows: readonly WeeklyRow[], measure: 'mtta' | 'mttr', teams: TeamNames): string | null {
  const points: Point[] = rows.flatMap((r) =>
    (['p50', 'p90'] as const).flatMap((stat) => {
      const seconds = r[`${measure}_${stat}_seconds`];
      return seconds === null ? [] : [{ team: r.team_id, week: weekDate(r.week), stat, seconds: Number(seconds) }];
    }),
  );
  if (points.length === 0) return null;
  const unit = durationUnit(Math.max(...points.map((p) => p.seconds)));
  const ids = [...new Set(points.map((p) => p.team))];
  const y = (p: Point) => p.seconds / unit.seconds;
  const title = (p: Point) => `${apiText(teams.get(p.team) ?? p.team)}, week of ${isoDay(p.week)}: ${measure.toUpperCase()} ${p.stat} ${formatSeconds(p.seconds)}`;
  const line = (stat: 'p50' | 'p90') =>
    Plot.lineY(points.filter((p) => p.stat === stat), { x: 'week', y, fy: 'team', stroke: PERCENTILE_COLOURS[stat], strokeWidth: 2, strokeDasharray: stat === 'p90' ? '5,3' : undefined });
  return render({
    ariaLabel: `Weekly ${measure.toUpperCase()} p50 and p90 per team`,
    height: 50 + ids.length * FACET_HEIGHT,
    marginLeft: 60,
    marginRight: 180,
    x: { type: 'utc', label: 'ISO week (UTC, labelled by its Monday)' },
    y: { label: `${measure.toUpperCase()} (${unit.name})`, grid: true, zero: true },
    fy: teamAxis(teams, ids),
    color: { domain: ['p50', 'p90'], range: [PERCENTILE_COLOURS.p50, PERCENTILE_COLOURS.p90], legend: true },
    marks: [
      Plot.frame({ stroke: '#d0d0d0' }),
      line('p50'),
      line('p90'),
      Plot.dot(points, { x: 'week', y, fy: 'team', fill: 'stat', r: 3, title }),
    ],
  });
}

/** Incidents per ISO week, one panel per team that had incidents. */
export function weeklyVolumeChart(rows: readonly VolumeRow[], teams: TeamNames): string | null {
  if (rows.length === 0) return null;
  const ids = [...new Set(rows.map((r) => r.team_id))];
  const bars = rows.map((r) => ({ team: r.team_id, week: weekDate(r.period), incidents: Number(r.incidents) }));
  return render({
    ariaLabel: 'Incidents per ISO week per team',
    height: 50 + ids.length * FACET_HEIGHT,
    marginLeft: 60,
    marginRight: 180,
    x: { type: 'utc', label: 'ISO week (UTC, labelled by its Monday)' },
    y: { label: 'incidents', grid: true },
    fy: teamAxis(teams, ids),
    marks: [
      Plot.frame({ stroke: '#d0d0d0' }),
      Plot.rectY(bars, {
        x: 'week', y: 'incidents', fy: 'team', interval: 'monday', inset: 1, fill: VOLUME_COLOUR,
        title: (b: (typeof bars)[number]) => `${apiText(teams.get(b.team) ?? b.team)}, week of ${isoDay(b.week)}: ${incidentCount(b.incidents)}`,
      }),
      Plot.ruleY([0]),
    ],
  });
}

/** Triggered incidents per weekday and hour in the chosen zone; null when the window has none. */
export function hourOfWeekChart(cells: readonly HourOfWeekCell[], timeZone: string): string | null {
  const max = Math.max(0, ...cells.map((c) => c.incidents));
  if (max === 0) return null;
  return render({
    ariaLabel: `Triggered incidents by weekday and hour, ${timeZone}`,
    height: 330,
    marginLeft: 50,
    padding: 0.06,
    x: { type: 'band', domain: Array.from({ length: 24 }, (_, h) => h), label: `hour of day (${timeZone})`, tickFormat: (h: number) => String(h).padStart(2, '0') },
    y: { domain: [...WEEKDAYS], label: null },
    // Steps, not a continuous ramp: a ramp legend needs a canvas, which the page has no script to draw.
    color: { type: 'quantize', n: 6, scheme: 'blues', domain: [0, max], legend: true, label: 'incidents triggered' },
    marks: [
      Plot.cell(cells, { x: 'hour', y: 'weekday', fill: 'incidents', title: (c: HourOfWeekCell) => `${c.weekday} ${String(c.hour).padStart(2, '0')}:00–${String(c.hour).padStart(2, '0')}:59: ${incidentCount(c.incidents)}` }),
      Plot.text(cells.filter((c) => c.incidents > 0), { x: 'hour', y: 'weekday', text: 'incidents', fill: (c: HourOfWeekCell) => (c.incidents > max * 0.55 ? 'white' : '#1a1a1a') }),
    ],
  });
}

/** The noisiest titles, most frequent at the top. */
export function noisyChart(rows: readonly NoisyRow[]): string | null {
  if (rows.length === 0) return null;
  const bars = rows.map((r, rank) => ({ rank, incidents: Number(r.incidents), label: `${apiText(r.title, 48)} · ${apiText(r.service_name ?? 'no service', 20)} · ${apiText(r.team_name, 20)}` }));
  return render({
    ariaLabel: 'Alerts that triggered most often',
    height: 40 + bars.length * 30,
    marginLeft: 470,
    marginRight: 40,
    x: { label: 'incidents triggered', grid: true },
    y: { type: 'band', domain: bars.map((b) => b.rank), label: null, tickFormat: (rank: number) => bars[rank]?.label ?? '' },
    marks: [
      Plot.barX(bars, { y: 'rank', x: 'incidents', fill: VOLUME_COLOUR, title: (b: (typeof bars)[number]) => `${b.label}: ${incidentCount(b.incidents)}` }),
      Plot.text(bars, { y: 'rank', x: 'incidents', text: 'incidents', textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

export interface PersonLoad {
  userId: string;
  name: string;
  oncallHours: number;
  interruptions: Record<(typeof INTERRUPTION_CLASSES)[number], number>;
}

/** oncall-load's rows added up per person over their teams, in the report's order (most loaded first). */
export function loadPerPerson(rows: readonly OncallLoadRow[]): PersonLoad[] {
  const people = new Map<string, PersonLoad>();
  for (const r of rows) {
    let person = people.get(r.user_id);
    if (person === undefined) {
      person = { userId: r.user_id, name: apiText(r.user_name ?? r.user_id, 32), oncallHours: 0, interruptions: { business: 0, off_hours: 0, sleep: 0 } };
      people.set(r.user_id, person);
    }
    person.oncallHours += Number(r.oncall_hours);
    for (const c of INTERRUPTION_CLASSES) person.interruptions[c] += Number(r[`interruptions_${c}`]);
  }
  return [...people.values()];
}

function personAxis(people: readonly PersonLoad[]): Plot.ScaleOptions {
  const names = new Map(people.map((p) => [p.userId, p.name]));
  return { type: 'band', domain: people.map((p) => p.userId), label: null, tickFormat: (id: string) => names.get(id) ?? id };
}

/** The people with some of `measure`, most first (a stable sort: ties keep oncall-load's order), cut to a page. */
function mostFirst(people: readonly PersonLoad[], measure: (p: PersonLoad) => number): PersonLoad[] {
  return people.filter((p) => measure(p) > 0).sort((a, b) => measure(b) - measure(a)).slice(0, PEOPLE_ON_PAGE);
}

/** The frame of a chart with one bar per person: a row each, names on the left. */
function personRows(shown: readonly PersonLoad[]) {
  return { height: 40 + shown.length * 24, marginLeft: 220, marginRight: 50, y: personAxis(shown) };
}

/** Hours on call per person; null when no one was on call. */
export function oncallHoursChart(people: readonly PersonLoad[]): string | null {
  const shown = mostFirst(people, (p) => p.oncallHours);
  if (shown.length === 0) return null;
  return render({
    ariaLabel: 'Hours on call per person',
    ...personRows(shown),
    x: { label: 'hours on call', grid: true },
    marks: [
      Plot.barX(shown, { y: 'userId', x: 'oncallHours', fill: ONCALL_COLOUR, title: (p: PersonLoad) => `${p.name}: ${p.oncallHours.toFixed(2)} hours on call` }),
      Plot.text(shown, { y: 'userId', x: 'oncallHours', text: (p: PersonLoad) => p.oncallHours.toFixed(1), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

/** Interruptions per person, stacked by class; null when no one was interrupted. */
export function interruptionsChart(people: readonly PersonLoad[]): string | null {
  const total = (p: PersonLoad) => INTERRUPTION_CLASSES.reduce((n, c) => n + p.interruptions[c], 0);
  const shown = mostFirst(people, total);
  if (shown.length === 0) return null;
  const parts = shown.flatMap((p) => INTERRUPTION_CLASSES.map((c) => ({ userId: p.userId, name: p.name, class: c, count: p.interruptions[c] })));
  return render({
    ariaLabel: 'Interruptions per person by class',
    ...personRows(shown),
    x: { label: 'interruptions', grid: true },
    color: { domain: [...INTERRUPTION_CLASSES], range: INTERRUPTION_CLASSES.map((c) => INTERRUPTION_COLOURS[c]), legend: true },
    marks: [
      Plot.barX(parts, Plot.stackX({ y: 'userId', x: 'count', fill: 'class', order: [...INTERRUPTION_CLASSES], title: (d: (typeof parts)[number]) => `${d.name}: ${d.count} ${d.class}` })),
      Plot.ruleX([0]),
    ],
  });
}
