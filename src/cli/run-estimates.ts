import type { RunSummary } from '../db/index.js';
import { renderCsv, renderJson, renderTable, type OutputFormat } from './table.js';

/** A run's requests beside the estimate recorded when it started: how far off the plan was (null: no estimate, or not yet over). */
function offBy(run: RunSummary): number | null {
  return run.estimatedRequests === null || run.status === 'running' ? null : run.requests - run.estimatedRequests;
}

/** `status --runs N`: the latest runs, newest first, each with the requests it sent and those its plan estimated. */
export function renderRuns(runs: readonly RunSummary[], format: OutputFormat): string {
  const rows = runs.map((r) => ({
    run_id: r.id,
    started_at: r.startedAt,
    finished_at: r.finishedAt,
    trigger: r.trigger,
    status: r.status,
    full: r.full,
    estimated_requests: r.estimatedRequests,
    requests: r.requests,
    difference: offBy(r),
    error: r.error,
  }));
  if (format === 'json') return renderJson(rows);
  const headers = ['run_id', 'started_at', 'finished_at', 'trigger', 'status', 'full', 'estimated_requests', 'requests', 'difference', 'error'] as const;
  if (format === 'csv') return renderCsv(headers, rows.map((r) => headers.map((h) => (typeof r[h] === 'boolean' ? Number(r[h]) : r[h]))));
  return renderTable(
    ['run', 'started', 'trigger', 'status', 'estimated', 'requests', 'difference', 'error'],
    rows.map((r) => [r.run_id, r.started_at, `${r.trigger}${r.full ? ' --full' : ''}`, r.status, r.estimated_requests, r.requests, r.difference, r.error]),
  );
}

/** The line under `status`'s table: the last run's requests beside its estimate. */
export function lastRunLine(run: RunSummary | undefined): string {
  if (run === undefined) return '';
  const estimate = run.estimatedRequests === null ? 'no estimate (the store could not tell before it)' : `estimated ${run.estimatedRequests}`;
  return `\nlast run ${run.id} (${run.status}): ${run.requests} requests, ${estimate}; see status --runs 10 and spike-sync plan\n`;
}
