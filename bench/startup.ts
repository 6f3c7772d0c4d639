// `spike-sync --help` as a process, median of five runs: the command a person types first, and the floor under
// every other command's start-up (each loads only its own modules on top).
import { median, within, type Figures } from './figures.js';
import { measure } from './processes.js';

const RUNS = 5;
const HELP_LIMIT = 0.25;

export async function timeHelp(figures: Figures): Promise<void> {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await measure(['bin/spike-sync.js', '--help'], {});
    if (!run.stdout.includes('Usage: spike-sync')) throw new Error('spike-sync --help printed no usage');
    runs.push(run.seconds);
  }
  const mid = median(runs);
  figures.show(`spike-sync --help: median of ${RUNS}`, `${mid.toFixed(2)} s`, `≤ ${HELP_LIMIT} s: ${within(mid, HELP_LIMIT)}`);
}
