import { formatSeconds } from '../../lib/duration.js';
import {
  hourOfWeekChart, interruptionsChart, loadPerPerson, noisyChart, oncallHoursChart, PEOPLE_ON_PAGE, weeklyResponseChart, weeklyVolumeChart,
  type TeamNames,
} from './charts.js';
import { definitionList } from './definitions.js';
import { apiText, html, trusted, type Html } from './escape.js';
import type { HtmlReportData } from './gather.js';
import { PAGE_STYLE } from './style.js';
import { teamTiles } from './tiles.js';

const NO_INCIDENTS = 'No incidents were triggered in this window.';

/** Why there are no teams: none synced yet, or none of those --team names. */
function noTeams(data: HtmlReportData): Html {
  return data.request.teams && data.request.teams.length > 0
    ? html`None of the chosen teams is stored: check the <code>--team</code> ids.`
    : html`No team is stored yet: run <code>spike-sync sync</code> first.`;
}

const utc = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A chart with its heading, or the sentence saying why there is none. */
function chartSection(id: string, title: string, intro: string, svg: string | null, absent: string): Html {
  return html`<section class="chart" data-chart="${id}" aria-labelledby="h-${id}">
  <h2 id="h-${id}">${title}</h2>
  <p class="intro">${intro}</p>
  ${svg === null ? html`<p class="absent" data-absent="${id}">${absent}</p>` : html`<figure>${trusted(svg)}</figure>`}
</section>
`;
}

function freshnessFooter(data: HtmlReportData): Html {
  const rows = data.freshness;
  return html`<section data-section="freshness" aria-labelledby="h-freshness">
  <h2 id="h-freshness">Data freshness</h2>
  ${rows.length === 0
    ? html`<p class="absent">${noTeams(data)}</p>`
    : html`<table>
    <thead><tr><th scope="col">Team</th><th scope="col">Last successful sync</th><th scope="col">Age</th></tr></thead>
    <tbody>${rows.map((r) => html`
      <tr data-team="${r.team_id}"><td>${apiText(r.team_name, 40)}</td><td>${r.last_success_at === null ? 'never (a stream has not succeeded yet)' : utc(new Date(r.last_success_at))}</td><td>${r.age_seconds === null ? '–' : `${formatSeconds(Number(r.age_seconds))} ago`}</td></tr>`)}
    </tbody>
  </table>`}
</section>
`;
}

/** The whole page: one HTML document with inline style and SVG, no script, nothing loaded from elsewhere. */
export function renderPage(data: HtmlReportData): string {
  const { request, summary } = data;
  const teams: TeamNames = new Map(summary.map((r) => [r.team_id, r.team_name]));
  const anyIncident = summary.some((r) => Number(r.incidents) > 0);
  const people = loadPerPerson(data.oncallLoad);
  const morePeople = people.length > PEOPLE_ON_PAGE ? ` The ${PEOPLE_ON_PAGE} most loaded of ${people.length} people are shown.` : '';
  const scope = request.teams && request.teams.length > 0 ? `${summary.length} chosen team${summary.length === 1 ? '' : 's'}` : `all ${summary.length} team${summary.length === 1 ? '' : 's'}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>Spike incident report, ${isoDay(request.since)} to ${isoDay(request.until)}</title>
<style>${trusted(PAGE_STYLE)}</style>
</head>
<body>
<main>
<header>
  <h1>Spike incident report</h1>
  <p class="meta">Window ${utc(request.since)} to ${utc(request.until)} (previous window ${utc(data.previous.since)} to ${utc(data.previous.until)}), ${scope}. Built ${utc(request.now)}; heat map in ${request.timeZone}.</p>
</header>

<section data-section="tiles" aria-labelledby="h-tiles">
  <h2 id="h-tiles">Teams at a glance</h2>
  <p class="intro">Per team, the incidents triggered in the window, how many are open now, and the median times to acknowledge and to resolve, each compared with the previous window (as <code>spike-sync report summary</code>).</p>
  ${summary.length === 0 ? html`<p class="absent" data-absent="tiles">${noTeams(data)}</p>` : teamTiles(summary, data.previousSummary)}
</section>

${chartSection('weekly-mtta', 'Time to acknowledge per week', 'MTTA p50 (solid) and p90 (dashed) per ISO week, one panel per team.', weeklyResponseChart(data.weekly, 'mtta', teams), anyIncident ? 'No incident triggered in this window was acknowledged.' : NO_INCIDENTS)}
${chartSection('weekly-mttr', 'Time to resolve per week', 'MTTR p50 (solid) and p90 (dashed) per ISO week, one panel per team.', weeklyResponseChart(data.weekly, 'mttr', teams), anyIncident ? 'No incident triggered in this window is resolved.' : NO_INCIDENTS)}
${chartSection('weekly-volume', 'Incidents per week', 'Incidents triggered per ISO week, one panel per team.', weeklyVolumeChart(data.volume, teams), NO_INCIDENTS)}
${chartSection('hour-of-week', 'When incidents trigger', `Incidents triggered per weekday and hour, ${request.timeZone}.`, hourOfWeekChart(data.hourOfWeek, request.timeZone), NO_INCIDENTS)}
${chartSection('noisy', 'Noisiest alerts', 'The 10 titles that triggered most often, with their service and team.', noisyChart(data.noisy), NO_INCIDENTS)}
${chartSection('oncall-hours', 'On-call load', `Hours on call per person in the window, over all their teams.${morePeople}`, oncallHoursChart(people), 'No on-call shifts in this window. Shifts arrive once the on-call streams have synced (every SPIKE_ONCALL_INTERVAL).')}
${chartSection('interruptions', 'Interruptions', `Notifications that reached a person, per person, stacked by class: business (yellow), off hours (orange), sleep (red).${morePeople}`, interruptionsChart(people), 'No interruptions in this window. They come from the incidents’ activity logs, read once the incidents are resolved.')}

<footer>
${freshnessFooter(data)}
<section data-section="definitions" aria-labelledby="h-definitions">
  <h2 id="h-definitions">Definitions</h2>
  ${definitionList()}
</section>
</footer>
</main>
</body>
</html>
`;
  return page.text;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
