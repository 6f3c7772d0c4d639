import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'spike-sync-demo-'));
// The demo writes its html report into the working directory: the test's own folder, not the repository.
const startedIn = process.cwd();
beforeAll(() => process.chdir(dir));
afterAll(() => {
  process.chdir(startedIn);
  rmSync(dir, { recursive: true, force: true });
});

describe('demo', () => {
  it('prints the on-call load after the summary, or says there is none yet', async () => {
    const db = join(dir, 'demo.db');
    const result = await runCaptured(['demo', '--db', db, '--teams', '2', '--incidents', '20'], { LOG_LEVEL: 'silent' });
    expect(result.code).toBe(0);
    // The heading names the cut when there are more rows than the demo prints.
    const [, , load] = result.out.split(/\nOn-call load, last 30 days(, top \d+ of \d+)? \(spike-sync report oncall-load\)\n/);
    expect(result.out.indexOf('Summary, last 30 days')).toBeGreaterThan(-1);
    // Whether the demo's store holds shifts depends on the streams the sync runs; either way the section is not bare headers.
    expect(load).toMatch(/^(No on-call shifts or interruptions in this window\.\n\n|user_name +team_name +oncall_hours )/);
    // It ends by writing the page beside it and saying where.
    const page = join(process.cwd(), 'spike-report.html');
    expect(result.out.trimEnd().endsWith(`The same data with charts: ${page} (spike-sync report html; open it in a browser)`)).toBe(true);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>[\s\S]*Spike incident report[\s\S]*<\/html>\n$/);
  }, 60_000);
});
