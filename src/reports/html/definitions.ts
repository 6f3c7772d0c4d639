import { html, type Html } from './escape.js';

/** What each figure on the page means: the words of docs/reports.md, kept in one place for the page. */
export const DEFINITIONS: readonly [term: string, meaning: string][] = [
  ['Window', 'Incidents whose triggered_at is in [since, until): since inclusive, until exclusive. The previous window is the one of the same length just before it. Interruptions are selected on when they were created, shifts on their overlap with the window.'],
  ['Incidents', 'Incidents of the team triggered in the window (report summary: incidents). Soft-deleted incidents and deleted teams never count.'],
  ['Open now', 'Incidents triggered in the window that are not resolved now (status triggered or acknowledged) (report summary: open).'],
  ['MTTA', 'acknowledged_at − triggered_at, over the incidents ever acknowledged.'],
  ['MTTR', 'resolved_at − triggered_at (from triggering, not from acknowledging), over the incidents resolved now.'],
  ['p50', 'The median; for an even count, the mean of the two middle values.'],
  ['p90', 'Nearest rank: the ⌈0.9·n⌉-th smallest value, always one of the observed values.'],
  ['Weekly MTTA and MTTR', 'The same p50 and p90 per team and ISO week (Monday to Sunday, UTC), over the incidents triggered in that week inside the window; the first and last weeks may be cut by the window. Weeks without a value have no dot.'],
  ['Incidents per week', 'Incidents triggered per team and ISO week, UTC (report volume --by week). Weeks without incidents are absent.'],
  ['Hour-of-week heat map', 'Incidents triggered in the window per weekday and hour of the chosen time zone’s wall clock (--tz, default UTC), daylight saving included.'],
  ['Noisy alerts', 'The 10 titles that triggered most often in the window, per team and service, most frequent first (report noisy --limit 10).'],
  ['On-call hours', 'A person’s shift time inside the window, summed over their teams; overlapping shifts for one team (two schedules, a layer and an override) count once (report oncall-load).'],
  ['Interruption', 'An activity-log notification that reached a person, classed when it is written as business (yellow), off_hours (orange) or sleep (red). Counted per person over the teams of the incidents (report oncall-load).'],
  ['Last successful sync', 'Per team, the oldest last success of the streams every run reads (team members, on-call schedules, incidents, incident events): when everything about the team was last fresh (view sync_freshness). Never when one of them has not succeeded yet.'],
];

export function definitionList(): Html {
  return html`<dl class="definitions">${DEFINITIONS.map(([term, meaning]) => html`<dt>${term}</dt><dd>${meaning}</dd>`)}</dl>`;
}
