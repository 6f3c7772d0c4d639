import { loadConfig, type Config } from '../../config.js';
import { openStore, type Store, type StreamStatusRow } from '../../db/index.js';
import { ConfigError } from '../../lib/errors.js';
import { formatSeconds, parseDuration } from '../../lib/duration.js';
import { STREAMS, reportedTeamStreams } from '../../jobs/streams.js';
import { readEnv, type CliIo } from '../io.js';
import { chosenStore, type StoreChoice } from '../store-choice.js';
import { renderCsv, renderJson, renderTable, type OutputFormat } from '../table.js';
import { runSettings } from '../run-settings.js';
import { lastRunLine, renderRuns } from '../run-estimates.js';

export interface StatusOptions extends StoreChoice {
  format?: OutputFormat;
  maxAge?: string;
  /** `--runs N`: the latest N runs with their estimated and sent requests, instead of the streams. */
  runs?: number;
}

/** Exit code when some team is staler than --max-age: distinct from failures so monitoring can tell them apart. */
export const STALE_EXIT_CODE = 3;
/**
 * How far in the future a last success may lie (the worker's clock a little ahead of this one's) and still count as
 * fresh. Further ahead, the worker's clock was wrong when it wrote it: the success proves no recent run, and would
 * otherwise look fresh until this clock catches up.
 */
const MAX_CLOCK_SKEW_S = 60;

/**
 * Last run per team and stream. With --max-age, exits 3 when any stream's last success is missing, more than a
 * minute in the future, or older than max-age plus the stream's own interval: a catalog read every 6 hours is not stale 2 hours after it succeeded.
 */
export async function statusCommand(io: CliIo, options: StatusOptions, now = new Date()): Promise<number> {
  const maxAgeMs = options.maxAge === undefined ? null : parseDuration(options.maxAge);
  if (maxAgeMs === null && options.maxAge !== undefined) {
    throw new ConfigError('--max-age', `must be a duration such as 30m, 2h or 1d; got "${options.maxAge}"`);
  }
  const config = loadConfig(readEnv(io), { requireApiKey: false });
  const store = await openStore(chosenStore(config, options), { mode: 'read' });
  try {
    // --runs changes what is listed, never what --max-age checks: a monitoring command with both still fails when stale.
    const rows = options.runs !== undefined && maxAgeMs === null ? [] : await streamRows(store, now);
    const interval = intervalsOf(config);
    const stale = maxAgeMs !== null && rows.some((r) => r.age_seconds === null || r.age_seconds < -MAX_CLOCK_SKEW_S || r.age_seconds * 1000 > maxAgeMs + (interval.get(r.stream) ?? 0));
    if (options.runs !== undefined) {
      io.stdout.write(renderRuns(await store.ledger.listRecentRuns(options.runs), options.format ?? 'table'));
    } else {
      io.stdout.write(render(rows, options.format ?? 'table'));
      if ((options.format ?? 'table') === 'table') {
        io.stdout.write(lastRunLine((await store.ledger.listRecentRuns(1))[0]));
        io.stdout.write(deferredIndexesLine(await store.listDeferredIndexes()));
      }
    }
    if (stale) io.stderr.write(`spike-sync: some streams have not synced successfully within ${options.maxAge}\n`);
    return stale ? STALE_EXIT_CODE : 0;
  } finally {
    await store.close();
  }
}

/** The last run per team and stream, each with the age of its last success. */
async function streamRows(store: Store, now: Date): Promise<Row[]> {
  return (await store.listStreamStatus(reportedTeamStreams())).map((r) => ({
    ...r,
    age_seconds: r.last_success_at === null ? null : Math.round((now.getTime() - Date.parse(r.last_success_at)) / 1000),
  }));
}

/** Each stream's interval under this configuration (streams every run reads have none). */
function intervalsOf(config: Config): Map<string, number> {
  const settings = runSettings(config, { full: false, teams: config.teams, requestCap: null });
  return new Map(STREAMS.flatMap((s) => (s.interval ? [[s.name, s.interval(settings)] as const] : [])));
}

type Row = StreamStatusRow & { age_seconds: number | null };

function render(rows: Row[], format: OutputFormat): string {
  if (format === 'json') return renderJson(rows);
  const headers = ['team_id', 'team_name', 'stream', 'last_success_at', 'age_seconds', 'last_status', 'last_run_at', 'rows_written', 'requests', 'error'] as const;
  if (format === 'csv') return renderCsv(headers, rows.map((r) => headers.map((h) => r[h])));
  return renderTable(
    ['team', 'stream', 'last success', 'age', 'last outcome', 'rows', 'requests', 'error'],
    rows.map((r) => [r.team_name, r.stream, r.last_success_at, r.age_seconds === null ? 'never' : formatSeconds(r.age_seconds), r.last_status, r.rows_written, r.requests, r.error]),
  );
}

/** Why reports are slow during a first backfill, and until when. */
function deferredIndexesLine(names: readonly string[]): string {
  if (names.length === 0) return '';
  return `report indexes: ${names.length} set aside for the first backfill, built when a run ends (reports are slower until then)\n`;
}
