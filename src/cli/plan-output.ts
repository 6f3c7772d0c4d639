import type { Config } from '../config.js';
import { CANDIDATE_STEPS_MS, cronForStep } from '../jobs/plan/fit-budget.js';
import type { Plan, ScopePlan } from '../jobs/plan/make-plan.js';
import { MONTH_MS } from '../jobs/plan/month.js';
import { DAY_MS, formatSeconds } from '../lib/duration.js';
import { terminalText } from '../lib/terminal-text.js';
import { renderJson, renderTable, type Cell } from './table.js';

/** A plan and what it was made under. */
export interface ShownPlan {
  plan: Plan;
  config: Config;
  full: boolean;
  /** Where the store was looked for, when none was there (null: it was). */
  missingStore: string | null;
}

/** The table's columns: the streams of each group, summed; a stream in none of them counts under `other`. */
const GROUPS: readonly [string, readonly string[]][] = [
  ['incidents', ['open_incidents', 'incidents']],
  ['on-call', ['oncall_shifts', 'oncall_overrides']],
  ['catalogs', ['services', 'integrations', 'escalation_policies']],
  ['activity', ['incident_events']],
];

const tenths = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 10) / 10);

/**
 * One object: `requests` and `seconds` of the next run, `teams` with each team's, and with --month `month_requests`,
 * `monthly_budget` and `fits`; plus the detail behind them (per stream, what was assumed or not counted).
 */
export function renderPlanJson({ plan, config, full }: ShownPlan): string {
  const scope = (s: ScopePlan) => ({
    requests: s.requests,
    seconds: tenths(s.seconds),
    streams: Object.fromEntries(s.streams.map((x) => [x.stream, x.requests])),
  });
  const month = plan.month && {
    month_requests: plan.month.requests,
    monthly_budget: plan.month.budget,
    fits: plan.month.fits,
    month_days: MONTH_MS / DAY_MS,
    month_runs: plan.month.runs,
    sync_cron: config.syncCron,
    fitting_sync_cron: plan.month.fittingStepMs === null ? null : cronForStep(plan.month.fittingStepMs),
    fitting_full_sync_interval: plan.month.fittingFullSyncMs === null ? null : days(plan.month.fittingFullSyncMs),
  };
  return renderJson({
    requests: plan.requests,
    seconds: tenths(plan.seconds),
    complete: plan.complete,
    full,
    look_requests: plan.lookRequests,
    max_rps: plan.pace.maxRps,
    page_concurrency: plan.pace.pageConcurrency,
    mean_request_ms: plan.pace.meanRequestMs === null ? null : Math.round(plan.pace.meanRequestMs * 10) / 10,
    organisation: scope(plan.organisation),
    teams: plan.teams.map((t) => ({ team_id: t.id, team_name: t.name, ...scope(t), unknown: t.unknown, assumed: t.assumed })),
    notes: plan.notes,
    ...month,
  });
}

/** A row per team (and the organisation) with its requests by stream group and its time, a total, then what they rest on. */
export function renderPlanTable(shown: ShownPlan): string {
  const { plan } = shown;
  const row = (label: string, s: ScopePlan): Cell[] => {
    const inGroup = (names: readonly string[]) => s.streams.filter((x) => names.includes(x.stream)).reduce((n, x) => n + x.requests, 0);
    const grouped = GROUPS.flatMap(([, names]) => names);
    return [label, s.requests, timeText(s.seconds), ...GROUPS.map(([, names]) => inGroup(names)), s.requests - inGroup(grouped)];
  };
  const rows = [row('(organisation)', plan.organisation), ...plan.teams.map((t) => row(t.name, t))];
  const total = [`total (${plan.teams.length} teams)`, plan.requests, timeText(plan.seconds)];
  rows.push([...total, ...rows[0]!.slice(total.length).map((_, i) => rows.reduce((n, r) => n + Number(r[total.length + i]), 0))]);
  const table = renderTable(['team', 'requests', 'time', ...GROUPS.map(([label]) => label), 'other'], rows);
  return `${table}\n${explain(shown).map((line) => `${terminalText(line)}\n`).join('')}`;
}

/** What the estimate leaves out, each item once with the teams it concerns (all of them, or up to three named). */
function uncounted(teams: readonly { name: string; unknown: readonly string[] }[]): string[] {
  const byItem = new Map<string, string[]>();
  for (const team of teams) for (const item of team.unknown) byItem.set(item, [...(byItem.get(item) ?? []), team.name]);
  return [...byItem].map(([item, names]) => {
    if (names.length === teams.length && names.length > 1) return `every team: ${item}`;
    const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
    return `${shown}: ${item}`;
  });
}

function explain({ plan, config, full, missingStore }: ShownPlan): string[] {
  const lines = [nextRunLine(plan, full)];
  if (missingStore !== null) lines.push(`No store yet at ${missingStore}: the next run is the first backfill.`);
  const unknown = uncounted(plan.teams);
  if (!plan.complete) lines.push(`So at least that many: not counted are ${[...unknown, ...plan.notes].join('; ')}.`);
  else if (plan.notes.length > 0) lines.push(`Note: ${plan.notes.join('; ')}.`);
  const assumed = [...new Set(plan.teams.flatMap((t) => t.assumed))];
  if (assumed.length > 0) lines.push(`Assumed where the store cannot tell: ${assumed.join('; ')}.`);
  if (config.maxRequestsPerRun !== null && plan.requests > config.maxRequestsPerRun) {
    lines.push(`SPIKE_MAX_REQUESTS_PER_RUN=${config.maxRequestsPerRun} stops the run there; later runs continue from its checkpoints.`);
  }
  lines.push(plan.lookRequests === 0 ? 'This plan sent no request to Spike.' : `This plan sent ${plan.lookRequests} request(s) to Spike: the team listing and first incident pages it needed.`);
  if (plan.month) lines.push(...monthLines(plan.month, config));
  return lines;
}

function nextRunLine(plan: Plan, full: boolean): string {
  const { pace } = plan;
  const per = pace.meanRequestMs === null ? 'no request timed yet' : `${Math.round(pace.meanRequestMs)} ms per request observed`;
  const time = plan.seconds === null ? 'time unknown' : `about ${timeText(plan.seconds)}`;
  return `Next ${full ? '--full ' : ''}run: ${plan.requests} requests, ${time} (SPIKE_MAX_RPS=${pace.maxRps}, SPIKE_PAGE_CONCURRENCY=${pace.pageConcurrency}, ${per}).`;
}

function monthLines(month: NonNullable<Plan['month']>, config: Config): string[] {
  const lines = [`A month (${MONTH_MS / DAY_MS} days) at SPIKE_SYNC_CRON="${config.syncCron}": ${month.runs} runs, about ${month.requests} requests.`];
  if (month.budget === null) return [...lines, 'No SPIKE_MONTHLY_REQUEST_BUDGET is set to compare it with.'];
  if (month.fits) return [...lines, `SPIKE_MONTHLY_REQUEST_BUDGET=${month.budget}: fits, with ${month.budget - month.requests} to spare.`];
  lines.push(`SPIKE_MONTHLY_REQUEST_BUDGET=${month.budget}: does not fit (${month.requests - month.budget} over).`);
  lines.push(
    month.fittingStepMs === null
      ? `No schedule up to one run a day (${cronForStep(CANDIDATE_STEPS_MS.at(-1) ?? DAY_MS)}) fits.`
      : `Fits: SPIKE_SYNC_CRON="${cronForStep(month.fittingStepMs)}" (with SPIKE_FULL_SYNC_INTERVAL as it is).`,
  );
  lines.push(
    month.fittingFullSyncMs === null
      ? 'No longer SPIKE_FULL_SYNC_INTERVAL alone makes it fit at this schedule.'
      : `Fits: SPIKE_FULL_SYNC_INTERVAL=${days(month.fittingFullSyncMs)} (at this schedule).`,
  );
  return lines;
}

/** Tenths of a second under a minute (a plan's runs are often that short), else as `formatSeconds` writes it. */
function timeText(seconds: number | null): string {
  if (seconds === null) return '-';
  return seconds < 60 ? `${Math.round(seconds * 10) / 10}s` : formatSeconds(seconds);
}

function days(ms: number): string {
  return `${Math.round(ms / DAY_MS)}d`;
}
