import { describe, expect, it } from 'vitest';
import { createProgressReporter } from '../../src/cli/progress.js';
import { renderCsv, renderTable } from '../../src/cli/table.js';
import { runCli } from '../../src/main.js';
import { captureIo } from '../helpers/cli-io.js';
import { useHarness, type Harness } from '../helpers/harness.js';
import { incidentsOf, teamIdsOf } from '../faults/fault-kit.js';

const startHarness = useHarness();

/** What an attacker puts in an alert title: set the window title, clear the screen, forge a row, flip text, 8-bit CSI. */
const EVIL = 'Disk full\u001b]0;pwned\u0007\u001b[2J\r\nteam-x  ok  0  0  0\t\u009b31m\u202egnp.exe\u0085\u007f\u061c\u2028';
// Anything a terminal acts on, bar the line breaks that separate output lines.
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SHOWN = 'Disk full\\x1b]0;pwned\\x07\\x1b[2J\\r\\nteam-x  ok  0  0  0\\t\\x9b31m\\u202egnp.exe\\x85\\x7f\\u061c\\u2028';

function expectTerminalSafe(text: string, maxLine = 1200): void {
  expect(text).not.toMatch(RAW_CONTROL);
  for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(maxLine);
}

async function cli(h: Harness, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo({ ...h.env, ...env });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** A team named EVIL, an open incident titled EVIL plus 100 KB, and an error body whose message is EVIL. */
async function hostileHarness(): Promise<{ h: Harness; evilTeam: string }> {
  const h = await startHarness({ org: { teams: 2, incidentsPerTeam: [20, 5] } });
  const [a = '', b = ''] = teamIdsOf(h);
  h.server.org.teams.find((t) => t._id === a)!.name = EVIL;
  const open = incidentsOf(h, a)[0]!;
  Object.assign(open, { status: 'NACK', ACK_at: undefined, RES_at: undefined, message: EVIL + 'x'.repeat(100_000) });
  h.server.faults.push({ path: '/on-calls', teamId: b, fault: { kind: 'status', status: 400, body: JSON.stringify({ message: EVIL, error: 'BAD' }) } });
  return { h, evilTeam: a };
}

describe('API text never drives the terminal', () => {
  it('renderTable shows controls as visible escapes and cuts long cells with an ellipsis', () => {
    const out = renderTable(['title', 'n'], [[EVIL, 1], ['x'.repeat(100_000), 2], ['naïve 🚀 ok', 3]]);
    expectTerminalSafe(out, 200);
    const lines = out.split('\n');
    expect(lines[2]).toContain(SHOWN.slice(0, 60));
    expect(lines[3]).toMatch(/^x{79}… +2$/);
    expect(lines[4]).toMatch(/^naïve 🚀 ok +3$/);
    // Columns stay aligned: the count column ends at the same place on every row.
    expect(new Set(lines.slice(2, 5).map((l) => Array.from(l).length)).size).toBe(1);
  });

  it('renderCsv quotes per RFC 4180: CR, LF, commas and doubled quotes inside one field', () => {
    expect(renderCsv(['title', 'n'], [['say "hi",\r\nbye', 1], ['plain', null]])).toBe('title,n\n"say ""hi"",\r\nbye",1\nplain,\n');
  });

  it('the progress line shows a team name escaped and cut', () => {
    let written = '';
    const report = createProgressReporter({ write: (chunk: string) => ((written += chunk), true) } as unknown as NodeJS.WritableStream);
    report({ teamId: 't1', teamName: EVIL + 'y'.repeat(1000), stream: 'incidents', pages: 3, rows: 1200 });
    // Its own prefix returns to the start of the line and clears it; nothing else may reach the terminal raw.
    expect(written.startsWith('\r\u001b[K')).toBe(true);
    expectTerminalSafe(written.slice(4), 200);
    expect(written).toContain(SHOWN.slice(0, 50));
  });

  it('sync: the run summary, the error lines and the JSON log lines carry no raw controls', async () => {
    const { h } = await hostileHarness();
    const { code, out, err } = await cli(h, ['sync'], { LOG_LEVEL: 'info' });
    expect(code).toBe(2);
    expectTerminalSafe(out);
    expect(out).toContain(SHOWN.slice(0, 78));
    expect(out.split('\n')).toHaveLength(2 + 1 + 2 + 1 + 1);
    expectTerminalSafe(err, 5000);
    expect(err).toContain(`answered HTTP 400: ${SHOWN}`);
    const logLines = err.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.map((l) => JSON.parse(l).msg)).toContain(`team ${EVIL} synced`);
  });

  it('report and status tables escape titles, names and stored errors, and keep rows narrow', async () => {
    const { h } = await hostileHarness();
    await cli(h, ['sync']);
    const report = await cli(h, ['report', 'open', '--since', '2000-01-01']);
    expect(report.code).toBe(0);
    expectTerminalSafe(report.out, 400);
    expect(report.out).toContain(`${SHOWN.slice(0, 79)}…`);
    const status = await cli(h, ['status']);
    expectTerminalSafe(status.out, 400);
    expect(status.out).toContain(SHOWN.slice(0, 40));

    // CSV keeps the text itself, quoted, for the program that reads it.
    const csv = await cli(h, ['report', 'open', '--since', '2000-01-01', '--format', 'csv']);
    expect(csv.out).toContain(`"${EVIL}x`);
  });

  it('report and status JSON keep the data exactly, with every control written as an escape', async () => {
    const { h } = await hostileHarness();
    await cli(h, ['sync']);
    const report = await cli(h, ['report', 'open', '--since', '2000-01-01', '--format', 'json']);
    expect(report.out).not.toMatch(RAW_CONTROL);
    // The title exactly as stored: its first 2,000 characters.
    expect((JSON.parse(report.out) as { title: string }[])[0]?.title).toBe(Array.from(EVIL + 'x'.repeat(100_000)).slice(0, 2000).join(''));
    const status = await cli(h, ['status', '--format', 'json']);
    expect(status.out).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(status.out) as { error: string | null }[]).some((r) => r.error?.includes(EVIL))).toBe(true);
  });
});
