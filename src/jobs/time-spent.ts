import type { StreamRecord } from '../db/index.js';

/**
 * The time during which at least one of `streams` was running: their durations added up, except that streams run
 * at once count once, so a team whose streams overlapped shows the time it took, not the sum of theirs.
 */
export function timeSpentMs(streams: readonly Pick<StreamRecord, 'startedAt' | 'finishedAt'>[]): number {
  const spans = streams.map((s) => [Date.parse(s.startedAt), Date.parse(s.finishedAt)] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of spans) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}
