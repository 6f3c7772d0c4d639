import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/** The lines of the section that starts with `title`, up to the next blank line. */
function section(out: string, title: RegExp): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => title.test(line));
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('demo', () => {
  it('prints the busiest services, the responders and the on-call load of the simulated organisation after the summary', async () => {
    const db = join(dir, 'demo.db');
    const result = await runCaptured(['demo', '--db', db, '--teams', '3', '--incidents', '40'], { LOG_LEVEL: 'silent' });
    expect(result.code).toBe(0);
    const at = (heading: string) => result.out.indexOf(heading);
    expect(at('Summary, last 30 days')).toBeGreaterThan(-1);
    expect(at('\nServices, last 30 days')).toBeGreaterThan(at('Summary, last 30 days'));
    expect(at('\nResponders, last 30 days')).toBeGreaterThan(at('\nServices, last 30 days'));
    expect(at('\nOn-call load, last 30 days')).toBeGreaterThan(at('\nResponders, last 30 days'));
    // Each section is a table with a header, a rule and at least one row of the organisation's data, at most 10.
    const services = section(result.out, /^Services, last 30 days.*\(spike-sync report services\)$/);
    expect(services[0]).toMatch(/^service_name +team_name +incidents +open /);
    const responders = section(result.out, /^Responders, last 30 days.*\(spike-sync report responders\)$/);
    expect(responders[0]).toMatch(/^user_name +acknowledged +mtta_p50 /);
    const load = section(result.out, /^On-call load, last 30 days.*\(spike-sync report oncall-load\)$/);
    expect(load[0]).toMatch(/^user_name +team_name +oncall_hours /);
    for (const table of [services, responders, load]) {
      expect(table.length).toBeGreaterThanOrEqual(3);
      expect(table.length).toBeLessThanOrEqual(2 + 10);
    }
    // Someone was on call: the first (most loaded) person has hours.
    expect(Number(load[2]!.split(/ {2,}/)[2])).toBeGreaterThan(0);
    // It ends by writing the page beside it and saying where.
    const page = join(process.cwd(), 'spike-report.html');
    expect(result.out.trimEnd().endsWith(`The same data with charts: ${page} (spike-sync report html; open it in a browser)`)).toBe(true);
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>[\s\S]*Spike incident report[\s\S]*<\/html>\n$/);
  }, 60_000);

  it('never replaces its default file when SPIKE_DB_PATH names it: that is a store the user syncs into', async () => {
    mkdirSync(join(dir, 'data'), { recursive: true });
    const store = join(dir, 'data', 'demo.db');
    writeFileSync(store, 'a store the user synced');
    for (const configured of ['./data/demo.db', store]) {
      const result = await runCaptured(['demo', '--teams', '1', '--incidents', '5'], { LOG_LEVEL: 'silent', SPIKE_DB_PATH: configured });
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/SPIKE_DB_PATH names \.\/data\/demo\.db, the demo's own file, which the demo replaces; pass --db with another path/);
      expect(readFileSync(store, 'utf8')).toBe('a store the user synced');
    }
    // Nor writes it there when it is not there yet: the next real sync would add to the demo's data.
    rmSync(store);
    const fresh = await runCaptured(['demo', '--teams', '1', '--incidents', '5'], { LOG_LEVEL: 'silent', SPIKE_DB_PATH: './data/demo.db' });
    expect(fresh.code).toBe(1);
    expect(existsSync(store)).toBe(false);
    const empty = await runCaptured(['demo', '--db', ' '], { LOG_LEVEL: 'silent' });
    expect([empty.code, empty.err]).toEqual([1, 'spike-sync: configuration error: --db: is empty\n']);
  });
});
