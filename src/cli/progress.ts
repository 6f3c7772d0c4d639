import type { ProgressEvent } from '../jobs/context.js';
import { terminalText } from '../lib/terminal-text.js';

/** Rewrites one terminal line at most every 500 ms, so a long backfill shows it is moving. */
export function createProgressReporter(out: NodeJS.WritableStream): (event: ProgressEvent) => void {
  let last = 0;
  return (event) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    out.write(`\r\x1b[K${terminalText(event.teamName, 60)}: ${event.stream} page ${event.pages}, ${event.rows.toLocaleString('en-US')} rows written`);
  };
}
