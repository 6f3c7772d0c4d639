import { formatSeconds } from '../../lib/duration.js';
import type { SummaryRow } from '../summary.js';
import { apiText, html, type Html } from './escape.js';

/** The figures of a team's tiles, each a column of `summary`. */
export const TILE_FIGURES = [
  { column: 'incidents', label: 'Incidents', duration: false },
  { column: 'open', label: 'Open now', duration: false },
  { column: 'mtta_p50_seconds', label: 'MTTA p50', duration: true },
  { column: 'mttr_p50_seconds', label: 'MTTR p50', duration: true },
] as const satisfies readonly { column: keyof SummaryRow; label: string; duration: boolean }[];

type Figure = (typeof TILE_FIGURES)[number];

const show = (figure: Figure, value: number | null) => (value === null ? '–' : figure.duration ? formatSeconds(value) : String(value));

/** How a figure moved from the previous window, in words that do not rely on colour. */
export function changeText(figure: Figure, now: number | null, before: number | null): string {
  if (before === null) return now === null ? 'none in the previous window either' : 'no value in the previous window';
  if (now === null) return `was ${show(figure, before)}`;
  const delta = Math.round((now - before) * 1000) / 1000;
  if (delta === 0) return `no change from ${show(figure, before)}`;
  const amount = figure.duration ? formatSeconds(Math.abs(delta)) : String(Math.abs(delta));
  return `${delta > 0 ? '▲ up' : '▼ down'} ${amount} from ${show(figure, before)}`;
}

/** One card per team: the four figures of `summary` for the window, each with its change from the previous one. */
export function teamTiles(summary: readonly SummaryRow[], previous: readonly SummaryRow[]): Html {
  const before = new Map(previous.map((r) => [r.team_id, r]));
  return html`<div class="tiles">${summary.map((row) => {
    const prior = before.get(row.team_id);
    return html`<article class="team" data-team="${row.team_id}">
  <h3>${apiText(row.team_name, 40)}</h3>
  <dl>${TILE_FIGURES.map((figure) => {
    const value = row[figure.column] === null ? null : Number(row[figure.column]);
    const old = prior === undefined || prior[figure.column] === null ? null : Number(prior[figure.column]);
    return html`
    <div class="figure" data-figure="${figure.column}" data-value="${value === null ? 'null' : String(value)}">
      <dt>${figure.label}</dt><dd class="value">${show(figure, value)}</dd><dd class="change">${changeText(figure, value, old)}</dd>
    </div>`;
  })}
  </dl>
</article>
`;
  })}</div>`;
}
