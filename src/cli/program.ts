import { Command, InvalidArgumentError, Option } from 'commander';
import { SPIKE_ID } from '../lib/ids.js';
// The names and descriptions only: the reports' code loads when `report` runs.
import { REPORT_DESCRIPTIONS, REPORT_NAMES } from '../reports/names.js';
import type { CopyStoreOptions } from './commands/copy-store.js';
import type { PlanOptions } from './commands/plan.js';
import type { ReportOptions } from './commands/report.js';
import type { CliIo } from './io.js';
import { withStoreOptions, type StoreChoice } from './store-choice.js';

export function collectTeam(value: string, previous: string[] = []): string[] {
  if (!SPIKE_ID.test(value)) throw new InvalidArgumentError('a team id is the 24-hex team _id (not its slug)');
  return [...previous, value];
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number below 2^53');
  return n;
}

const HTML_DESCRIPTION = 'one self-contained HTML page: tiles per team, weekly MTTA/MTTR and volume, hour-of-week heat map, noisy alerts, on-call load';

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table');
}


/**
 * Builds the command tree; each action stores its exit code in `result`. A command's module is loaded when it
 * runs, so `report` never loads the sync, the HTTP client or the demo server, and `--help` loads none of them.
 */
export function buildProgram(io: CliIo, result: { exitCode: number }): Command {
  const program = new Command('spike-sync')
    .description('Sync Spike.sh incidents, users and on-call schedules of every team into SQL')
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    // One line after an error, not the whole help: the error is the line that matters.
    .showHelpAfterError('(see spike-sync --help, or spike-sync <command> --help)');

  program
    .command('sync')
    .description('one pass over every team (or the named ones), then exit: 0 all synced, 2 some teams failed, 1 fatal')
    .option('--team <id>', 'sync only this team (repeatable)', collectTeam)
    .option('--full', 're-read every incident page and accept large deletions')
    .option('--backfill-activity <span>', 'this run, read the activity logs of incidents resolved within this span (e.g. 365d) instead of SPIKE_ACTIVITY_BACKFILL')
    .action(async (opts: { team?: string[]; full?: boolean; backfillActivity?: string }) => {
      result.exitCode = await (await import('./commands/sync.js')).syncCommand(io, opts);
    });

  program
    .command('start')
    .description('long-running worker: sync on SPIKE_SYNC_CRON (UTC) until SIGINT, SIGTERM or SIGHUP')
    .action(async () => {
      result.exitCode = await (await import('./commands/start.js')).startCommand(io);
    });

  withStoreOptions(program
    .command('status')
    .description('last run per team and stream: when, outcome, rows, requests, freshness')
    .addOption(formatOption())
    .option('--max-age <duration>', 'exit 3 when any stream last succeeded longer ago than this (e.g. 1h)')
    .option('--runs <n>', 'instead: the latest n runs, each with the requests its plan estimated and those it sent', positiveInt)
    .action(async (opts: { format?: 'table' | 'csv' | 'json'; maxAge?: string; runs?: number } & StoreChoice) => {
      result.exitCode = await (await import('./commands/status.js')).statusCommand(io, opts);
    }));

  withStoreOptions(program
    .command('plan')
    .description('what the next run (or a month of runs) will cost in requests and time, from the store\'s history, before spending it')
    .option('--full', 'price a --full run')
    .option('--month', 'also a month of runs at SPIKE_SYNC_CRON, against SPIKE_MONTHLY_REQUEST_BUDGET')
    .option('--offline', 'send nothing to Spike: estimate from the store alone')
    .option('--team <id>', 'only this team (repeatable)', collectTeam)
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: PlanOptions) => {
      result.exitCode = await (await import('./commands/plan.js')).planCommand(io, opts);
    }));

  withStoreOptions(program
    .command('report <name>')
    .description(`cross-team report from the store: ${REPORT_NAMES.join(', ')}, or html (one page with charts)`)
    .option('--since <when>', 'window start: a date (2026-08-01), a UTC time, or a duration back from now (30d, 12h, 2w); default 30 days before --until')
    .option('--until <when>', 'window end, exclusive (same forms); default now')
    .option('--team <id>', 'only this team (repeatable)', collectTeam)
    .option('--by <group>', 'grouping: team, priority, severity or service for mtta-mttr; day or week for volume')
    .option('--limit <n>', 'rows for noisy (default 20) and open (default all)')
    .option('--out <file>', 'html only: the page to write, - for stdout (default ./spike-report.html)')
    .option('--tz <zone>', 'html only: IANA time zone of the hour-of-week heat map (default UTC)')
    .addOption(formatOption())
    .addHelpText('after', `\nReports:\n${REPORT_NAMES.map((n) => `  ${n.padEnd(14)} ${REPORT_DESCRIPTIONS[n]}`).join('\n')}\n  ${'html'.padEnd(14)} ${HTML_DESCRIPTION}\n`)
    .action(async (name: string, opts: ReportOptions) => {
      result.exitCode = await (await import('./commands/report.js')).reportCommand(io, name, opts);
    }));

  withStoreOptions(program
    .command('demo')
    .description('start the simulated Spike API with a generated organisation, sync it into a store and print a cross-team report (no API key needed)')
    .option('--teams <n>', 'teams to generate', positiveInt, 6)
    .option('--incidents <n>', 'incidents per team', positiveInt, 800)
    .option('--seed <n>', 'generator seed', positiveInt, 2026)
    .action(async (opts: { teams: number; incidents: number; seed: number } & StoreChoice) => {
      result.exitCode = await (await import('./commands/demo.js')).demoCommand(io, opts);
    }), 'SQLite file to create (default ./data/demo.db, replaced on each demo)');

  withStoreOptions(program
    .command('migrate')
    .description('apply pending migrations to the store (sync, start and demo also do this on start; report and status never change a store)')
    .action(async (opts: StoreChoice) => {
      result.exitCode = await (await import('./commands/migrate.js')).migrateCommand(io, opts);
    }));

  program
    .command('copy-store')
    .description('copy the SQLite store (SPIKE_DB_PATH or --db) into an empty PostgreSQL store, checkpoints included, so syncing there needs no new backfill')
    .requiredOption('--to <url>', 'the PostgreSQL store, postgres://user:password@host:5432/database (SPIKE_DB_SCHEMA applies)')
    .option('--db <path>', 'SQLite file to copy (default SPIKE_DB_PATH)')
    .option('--force', 'copy into a store that already holds data, replacing everything in it (its ledger included)')
    .action(async (opts: CopyStoreOptions) => {
      result.exitCode = await (await import('./commands/copy-store.js')).copyStoreCommand(io, opts);
    });

  return program;
}
