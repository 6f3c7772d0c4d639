// The sync figures: cold sync, a run with nothing changed, a run after changes, a full reconciliation
// and a report, each a process of the built CLI against the simulated API, read back from the store's ledger.
import type { BaselineRates } from './baselines.js';
import type { BenchStore, Changes } from './bench-store.js';
import { fmt, ratio, within, type Figures } from './figures.js';
import type { Measured, SimProcess } from './processes.js';

export interface SyncBench {
  store: BenchStore;
  sim: SimProcess;
  teams: number;
  latencyMs: number;
  baseline: BaselineRates;
  /** The report target at a million incidents, e.g. `≤ 2 s`. */
  reportTarget: string;
  /** The cold sync's least share of the bare pipeline's rate for this store and size. */
  coldShare: number;
  cli: (...args: string[]) => Promise<Measured>;
}

export async function runSyncSteps(bench: SyncBench, figures: Figures): Promise<void> {
  const { store, sim, teams, latencyMs, baseline, cli } = bench;
  const show = figures.show.bind(figures);
  const cold = await step('cold sync', () => cli('sync'));
  const coldRun = await store.lastRun();
  // The incident throughput leaves out the time of the other streams (shown below), as the bare pipeline reads incidents only.
  const coldRate = sim.incidents / (coldRun.seconds - coldRun.other.seconds);
  show('cold sync: incidents/s', fmt(coldRate), `≥ ${bench.coldShare} × baseline (${fmt(bench.coldShare * baseline.fresh)}): ${ratio(coldRate, baseline.fresh, bench.coldShare)}`);
  // Sequential time: every request waited for in turn. Streams of a team in flight together, and pages and logs read
  // ahead, hide most of it.
  const sequential = (coldRun.requests * latencyMs) / 1000;
  show('cold sync: wall time (process)', `${cold.seconds.toFixed(1)} s`, latencyMs > 0 ? `≤ 0.35 × requests × latency = ${(0.35 * sequential).toFixed(1)} s: ${within(cold.seconds, 0.35 * sequential)} (${(cold.seconds / sequential).toFixed(2)}×)` : '');
  show('cold sync: requests', String(coldRun.requests));
  show('cold sync: on-call, catalogs, activity logs', `${coldRun.other.requests} requests in ${coldRun.other.seconds.toFixed(1)} s`, 'one activity log per incident resolved in the last 30 days');
  show('cold sync: peak RSS', `${cold.peakRssMb.toFixed(0)} MB`, '≤ 200 MB at 1,000,000 incidents');
  show('cold sync: store size', `${((await store.sizeBytes()) / 1e6).toFixed(0)} MB`);

  const still = await step('no-change run', () => cli('sync'));
  show('no-change run: requests', String((await store.lastRun()).requests), `≤ 2 + 6 × teams = ${2 + 6 * teams}`);
  // Two round trips for the organisation, two per team (members, schedules and the first page; then the open lists), and a second for the process.
  const stillTarget = ((2 + 2 * teams) * latencyMs) / 1000 + 1;
  show('no-change run: wall time', `${still.seconds.toFixed(2)} s`, latencyMs > 0 ? `≤ (2 + 2 × teams) × latency + 1 s = ${stillTarget.toFixed(1)} s: ${within(still.seconds, stillTarget)}` : '');

  const changes = (await sim.ask('mutate 0.01')) as Changes;
  const after = await step('run after changes', () => cli('sync'));
  show('after 1% changed + 1% added: requests', String((await store.lastRun()).requests), `${changes.changed.length} changed, ${changes.added.length} added`);
  show('after 1% changed + 1% added: wall time', `${after.seconds.toFixed(2)} s`);
  show('after changes: all present in the store', (await store.checkChanges(changes)) ? 'yes' : 'NO', 'yes');

  await step('full reconciliation', () => cli('sync', '--full'));
  const full = await store.lastRun();
  const fullRate = (sim.incidents + changes.added.length) / (full.seconds - full.other.seconds);
  show('full reconciliation (unchanged): incidents/s', fmt(fullRate), `≥ 0.6 × baseline unchanged (${fmt(0.6 * baseline.unchanged)}): ${ratio(fullRate, baseline.unchanged)}`);

  const report = await step('report summary', () => cli('report', 'summary', '--since', '3650d', '--format', 'json'));
  show('report summary: wall time (process)', `${report.seconds.toFixed(2)} s`, `${bench.reportTarget} at 1,000,000 incidents`);
  show('baseline: new incidents/s', fmt(baseline.fresh));
  show('baseline: unchanged incidents/s', fmt(baseline.unchanged));
}

export async function step(label: string, run: () => Promise<Measured>): Promise<Measured> {
  process.stderr.write(`bench: ${label}…\n`);
  const result = await run();
  if (result.code !== 0) throw new Error(`${label} exited ${result.code}: ${result.stderr.slice(-2000)}`);
  return result;
}
