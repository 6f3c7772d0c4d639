import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand, type ReportOptions } from '../../src/cli/commands/report.js';
import { renderReport } from '../../src/cli/report-output.js';
import { captureIo } from '../helpers/cli-io.js';
import { fixedClock } from '../../src/lib/clock.js';
import { ConfigError } from '../../src/lib/errors.js';
import * as expected from './expected.js';
import * as oncallExpected from './oncall-expected.js';
import { BRAVO, NOW, createFixtureStore, removeTempDb, tempDbPath, type FixtureStore } from './fixture.js';
import { describeEachStore } from '../helpers/stores.js';
import { CSV, TABLES } from './rendered.js';

/** Runs the command as the CLI would, collecting what it writes to stdout and stderr. */
async function run(name: string, options: ReportOptions = {}, env: Record<string, string> = storeEnv) {
  const io = captureIo(env);
  const code = await reportCommand(io, name, { since: '2026-08-01', until: '2026-08-16', ...options }, fixedClock(NOW));
  return { code, stdout: io.out(), stderr: io.err() };
}

const json = async (name: string, options: ReportOptions = {}) => JSON.parse((await run(name, { ...options, format: 'json' })).stdout) as unknown;

// The store of the suite running now: its environment, and the option that names it on the command line.
let storeEnv: Record<string, string> = {};
let storeOption: ReportOptions = {};

const CASES: [string, ReportOptions, unknown][] = [
  ['summary', {}, expected.SUMMARY],
  ['mtta-mttr', {}, expected.BY_TEAM],
  ['mtta-mttr', { by: 'priority' }, expected.BY_PRIORITY],
  ['mtta-mttr', { by: 'severity' }, expected.BY_SEVERITY],
  ['mtta-mttr', { by: 'service' }, expected.BY_SERVICE],
  ['volume', {}, expected.VOLUME_BY_DAY],
  ['volume', { by: 'week' }, expected.VOLUME_BY_WEEK],
  ['open', {}, expected.OPEN],
  ['noisy', { limit: '3' }, expected.NOISY.slice(0, 3)],
  ['team-overview', {}, expected.TEAM_OVERVIEW],
  ['services', {}, oncallExpected.SERVICES],
  ['responders', {}, oncallExpected.RESPONDERS],
  ['oncall-load', {}, oncallExpected.ONCALL_LOAD],
  ['oncall-load', { team: [BRAVO] }, [oncallExpected.ONCALL_LOAD[1], oncallExpected.ONCALL_LOAD[3]]],
];

describeEachStore('report command', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    await fixture.store.close();
    storeEnv = fixture.target.env;
    storeOption = fixture.target.kind === 'postgres' ? { databaseUrl: fixture.target.env.DATABASE_URL } : { db: fixture.target.location };
  });
  afterAll(() => fixture.close());

  describe('report command output', () => {
    it.each(CASES)('%s %o as json', async (name, options, rows) => {
      expect(await json(name, options)).toEqual(rows);
    });

    it('writes json as an indented array with nulls kept, and nothing to stderr', async () => {
      const { code, stdout, stderr } = await run('team-overview', { format: 'json' });
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout.startsWith('[\n  {\n    "team_id": "aaaaaaaaaaaaaaaaaaaaaaaa",')).toBe(true);
      expect(stdout).toContain('"mttr_p50_seconds": null');
      expect(stdout.endsWith('}\n]\n')).toBe(true);
    });

    it.each(Object.entries(CSV))('%s as csv', async (key, text) => {
      const [name, by] = key.split(' ');
      expect((await run(name ?? '', { format: 'csv', by, limit: name === 'noisy' ? '3' : undefined })).stdout).toBe(text);
    });

    it.each(Object.entries(TABLES))('%s as a table', async (key, text) => {
      const [name, by] = key.split(' ');
      expect((await run(name ?? '', { by, limit: name === 'noisy' ? '3' : undefined })).stdout).toBe(text);
    });

    it('says in a table when there is nothing to show, and prints an empty array as json', async () => {
      const quiet = { since: '2026-09-01', until: '2026-09-02' };
      expect((await run('oncall-load', quiet)).stdout).toBe('No on-call shifts or interruptions in this window.\n');
      expect((await run('oncall-load', { ...quiet, format: 'json' })).stdout).toBe('[]\n');
    });

    it('renders rows for other commands', async () => {
      expect(renderReport('team-overview', expected.TEAM_OVERVIEW, 'table')).toBe(TABLES['team-overview']);
    });
  });

  describe('report command options', () => {
    it('defaults to the last 30 days up to now', async () => {
      // [2026-07-21T12:00, 2026-08-20T12:00): Alpha A1..A8, Bravo B1..B4.
      const rows = JSON.parse((await run('summary', { since: undefined, until: undefined, format: 'json' })).stdout) as { incidents: number }[];
      expect(rows.map((r) => r.incidents)).toEqual([8, 4, 0]);
    });

    it('reads a duration as that long before now', async () => {
      // [2026-08-15T12:00, now): B4 and A8.
      const rows = JSON.parse((await run('summary', { since: '5d', until: undefined, format: 'json' })).stdout) as { incidents: number }[];
      expect(rows.map((r) => r.incidents)).toEqual([1, 1, 0]);
    });

    it('reads UTC times, limits to teams and takes --db or --database-url over the environment', async () => {
      const options: ReportOptions = { since: '2026-08-02T06:30:00Z', until: '2026-08-02 08:00', team: ['bbbbbbbbbbbbbbbbbbbbbbbb'], ...storeOption, format: 'json' };
      const out = await run('summary', options, { SPIKE_DB_SCHEMA: storeEnv.SPIKE_DB_SCHEMA ?? 'public' });
      expect((JSON.parse(out.stdout) as { incidents: number }[]).map((r) => r.incidents)).toEqual([1]);
      expect(out.stderr).toBe('');
    });

    it('warns of a --team the store holds no live team for, and still reports the others', async () => {
      const unknown = 'cccccccccccccccccccccccf';
      const out = await run('summary', { since: '2026-08-02T06:30:00Z', until: '2026-08-02 08:00', team: ['bbbbbbbbbbbbbbbbbbbbbbbb', unknown], ...storeOption, format: 'json' }, { SPIKE_DB_SCHEMA: storeEnv.SPIKE_DB_SCHEMA ?? 'public' });
      expect(out.code).toBe(0);
      expect(out.stderr).toBe(`spike-sync: warning: not a live team of this store: ${unknown}\n`);
      expect((JSON.parse(out.stdout) as { incidents: number }[]).map((r) => r.incidents)).toEqual([1]);
    });
  });
});

describe('report command refusals', () => {
  it.each([
    ['summary', { since: 'yesterday' }, '--since: must be a date (2026-08-01), a UTC time (2026-08-01T12:00:00Z) or a duration back from now (30d, 12h, 2w); got "yesterday"'],
    ['summary', { since: '2026-02-30' }, '--since: must be a date'],
    ['summary', { until: '30' }, '--until: must be a date'],
    ['summary', { since: '2026-08-16', until: '2026-08-01' }, '--since: must be before --until'],
    ['mtta-mttr', { by: 'hour' }, '--by: must be one of team, priority, severity, service for the mtta-mttr report; got "hour"'],
    ['volume', { by: 'month' }, '--by: must be one of day, week for the volume report; got "month"'],
    ['summary', { by: 'team' }, '--by: the summary report has no grouping'],
    ['noisy', { limit: '0' }, '--limit: must be a whole number of rows, 1 or more; got "0"'],
    ['summary', { limit: '5' }, '--limit: the summary report has no limit'],
    ['summary', { format: 'xml' }, '--format: must be one of table, csv, json; got "xml"'],
    ['weekly', {}, 'report: unknown report "weekly"; expected one of summary, mtta-mttr, volume, open, noisy, team-overview, services, responders, oncall-load, html'],
  ] as [string, ReportOptions, string][])('%s %o is refused', async (name, options, message) => {
    const untouched = tempDbPath();
    const attempt = () => run(name, options, { SPIKE_DB_PATH: untouched });
    await expect(attempt()).rejects.toThrow(ConfigError);
    await expect(attempt()).rejects.toThrow(message);
    expect(fs.existsSync(untouched)).toBe(false);
    removeTempDb(untouched);
  });
});
