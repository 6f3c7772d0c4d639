import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/cli/report-output.js';
import { renderCsv, renderJson, type OutputFormat } from '../../src/cli/table.js';
import { REPORTS, type ReportDefinition, type ReportRequest, type ReportRow } from '../../src/reports/index.js';
import { openIncidentsStatement } from '../../src/reports/open-incidents.js';
import { collected } from '../helpers/cli-io.js';
import { finishWithin, spawnCli } from '../helpers/cli-process.js';
import { describeEachStore } from '../helpers/stores.js';
import { BRAVO, NOW, SINCE, UNTIL, createFixtureStore, incidentRow, type FixtureStore } from '../reports/fixture.js';

/*
 * `report open` writes its CSV and JSON a batch at a time (writeReport). Put together, the parts must be the bytes the
 * whole result renders to, across batch boundaries, with titles an attacker wrote; and a reader that closes the pipe
 * (`| head`) ends the report quietly, giving the store's connection back.
 */

const TITLES = ['plain', 'comma, "quoted"', 'two\nlines', 'escape \u001b[31mred', 'C1 \u009b and bidi \u202e', 'last'];

/** `report open` reading two rows a batch, so the fixture's few open incidents span several batches. */
const OPEN_BY_TWO: ReportDefinition = {
  ...REPORTS.open,
  batches: (source, request) => {
    const { sql, params } = openIncidentsStatement(source.dialect, request);
    return source.batches(sql, params, 2);
  },
};

const REQUEST: ReportRequest = { since: SINCE, until: UNTIL, now: NOW };

/** The whole result rendered at once, as the other reports' CSV and JSON are: what the parts must add up to. */
function renderedWhole(rows: readonly ReportRow[], format: OutputFormat): string {
  const columns = REPORTS.open.columns();
  return format === 'json' ? renderJson(rows) : renderCsv(columns, rows.map((row) => columns.map((c) => row[c] ?? null)));
}

/** A pipe whose reader goes away after the first chunk: later writes fail with `code`, as a closed pipe's do. */
function closingAfterFirst(code: string): { stream: Writable; chunks: () => number } {
  let chunks = 0;
  const stream = new Writable({
    write(_chunk, _encoding, done) {
      chunks++;
      done(chunks === 1 ? null : Object.assign(new Error(`write ${code}`), { code }));
    },
  });
  return { stream, chunks: () => chunks };
}

/** Fails the test instead of hanging it when a connection was never given back. */
function soon<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} never answered`)), 5000))]);
}

describeEachStore('a report written a batch at a time', (kind) => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore(kind);
    const rows = TITLES.map((title, i) => incidentRow({ id: `WB-${i}`, teamId: BRAVO, counterId: `WB-${i}`, title, status: i % 2 ? 'ACK' : 'NACK', triggeredAt: `2026-08-1${i}T08:00:00.000Z` }));
    await fixture.store.transaction(async (tx) => {
      await tx.writer('incidents').upsert(rows, '2026-08-20T00:00:00.000Z');
    });
  });
  afterAll(() => fixture.close());

  it.each(['json', 'csv'] as OutputFormat[])('as %s, is the text of the whole result', async (format) => {
    const whole = await REPORTS.open.run(fixture.store.reader, REQUEST);
    expect(whole.length).toBeGreaterThan(TITLES.length);
    const out = collected();
    await writeReport(out.stream, OPEN_BY_TWO, fixture.store.reader, REQUEST, format);
    expect(out.text()).toBe(renderedWhole(whole, format));
    // The same through the report's own batches, and with no rows at all.
    const own = collected();
    await writeReport(own.stream, REPORTS.open, fixture.store.reader, REQUEST, format);
    expect(own.text()).toBe(out.text());
    const none = collected();
    await writeReport(none.stream, OPEN_BY_TWO, fixture.store.reader, { ...REQUEST, teams: ['no-such-team'] }, format);
    expect(none.text()).toBe(renderedWhole([], format));
  });

  it('stops at a closed pipe without an error, and gives the connection back', async () => {
    // More times than PostgreSQL's pool has turns for reports: one kept would make the last reading wait forever.
    for (let i = 0; i < 6; i++) {
      const pipe = closingAfterFirst('EPIPE');
      await soon(writeReport(pipe.stream, OPEN_BY_TWO, fixture.store.reader, REQUEST, 'json'), 'a report written to a closed pipe');
      // The first batch was taken, the second failed, and nothing more was written.
      expect(pipe.chunks()).toBe(2);
    }
    expect(await soon(fixture.store.reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM teams'), 'a statement after')).toEqual([{ n: 4 }]);
  });

  it('fails on any other write error', async () => {
    const broken = closingAfterFirst('EIO');
    await expect(writeReport(broken.stream, OPEN_BY_TWO, fixture.store.reader, REQUEST, 'csv')).rejects.toThrow(/write EIO/);
    expect(await fixture.store.reader.all<{ n: number }>('SELECT COUNT(*) AS n FROM teams')).toEqual([{ n: 4 }]);
  });
});

describe('a report printed to a pipe its reader closed', () => {
  let fixture: FixtureStore;
  beforeAll(async () => {
    fixture = await createFixtureStore('sqlite');
  });
  afterAll(() => fixture.close());

  // `spike-sync report open | head` ends head first: the command's writes then fail with EPIPE, which used to escape
  // as an uncaught error event ("internal error", exit 1).
  it.each([
    ['open', '--format', 'json'],
    ['open', '--format', 'csv'],
    ['summary', '--format', 'json'],
    ['html', '--out', '-'],
  ])('report %s %s %s ends quietly with exit 0', async (...args) => {
    const run = spawnCli(['report', ...args, '--since', '2000-01-01', '--db', fixture.target.location], { LOG_LEVEL: 'warn' });
    run.child.stdout!.destroy();
    const finished = await finishWithin(run, 10_000);
    expect(finished.stderr).toBe('');
    expect(finished.code).toBe(0);
  });
});
