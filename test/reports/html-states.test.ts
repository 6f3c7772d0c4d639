import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/lib/errors.js';
import { createStoreUnderTest, type StoreUnderTest } from '../helpers/store-under-test.js';
import { describeEachStore } from '../helpers/stores.js';
import { BRAVO, INCIDENTS, createFixtureStore, writeIncidents, type FixtureStore } from './fixture.js';
import { CHART_SECTIONS, marksIn, parsePage, runReport, writePage, type PageDocument } from './html-helpers.js';

const WINDOW = { since: '2026-08-01', until: '2026-08-16' };

/** Words a page must never show: a figure computed from nothing. */
function expectNoBrokenNumbers(html: string): void {
  expect(html).not.toMatch(/NaN|undefined|Infinity|\[object /);
}

function section(doc: PageDocument, id: string) {
  const found = doc.querySelector(`section[data-chart="${id}"]`);
  if (found === null) throw new Error(`no section ${id}`);
  return found;
}

/** The sentence a chart section shows instead of a chart, or null when it drew one. */
function absentText(doc: PageDocument, id: string): string | null {
  const s = section(doc, id);
  const absent = s.querySelector('.absent');
  if (absent === null) {
    expect(marksIn(s), id).toBeGreaterThan(0);
    return null;
  }
  expect(s.querySelector('svg'), id).toBeNull();
  return absent.textContent;
}

describeEachStore('report html on thin data', (kind) => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'spike-sync-html-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('an empty store', () => {
    let target: StoreUnderTest;
    beforeAll(async () => {
      target = createStoreUnderTest(kind, mkdtempSync(join(dir, 'empty-')));
      await (await target.open('write')).close();
    });
    afterAll(() => target.dispose());

    it('says there is no team yet and draws no chart', async () => {
      const { html } = await writePage(target, dir, 'empty.html', WINDOW);
      const doc = parsePage(html);
      expect(doc.querySelector('[data-absent="tiles"]')?.textContent).toBe('No team is stored yet: run spike-sync sync first.');
      expect(doc.querySelectorAll('article.team')).toHaveLength(0);
      for (const id of CHART_SECTIONS) expect(absentText(doc, id), id).toMatch(/^No .+\.$/);
      expect(absentText(doc, 'noisy')).toBe('No incidents were triggered in this window.');
      expect(doc.querySelector('[data-section="freshness"] .absent')?.textContent).toBe('No team is stored yet: run spike-sync sync first.');
      expectNoBrokenNumbers(html);
    });

    it('says so when the --team ids name no stored team', async () => {
      const { html } = await writePage(target, dir, 'unknown.html', { ...WINDOW, team: [BRAVO] });
      expect(parsePage(html).querySelector('[data-absent="tiles"]')?.textContent).toBe('None of the chosen teams is stored: check the --team ids.');
    });
  });

  describe('a store with one team', () => {
    let target: StoreUnderTest;
    beforeAll(async () => {
      target = createStoreUnderTest(kind, mkdtempSync(join(dir, 'one-')));
      const store = await target.open('write');
      await store.transaction(async (tx) => {
        await tx.writer('teams').upsert([{ id: BRAVO, name: 'Bravo', uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: '{}' }], '2026-08-20T11:00:00.000Z');
        await writeIncidents(tx, INCIDENTS.filter((i) => i.team === BRAVO));
      });
      await store.close();
    });
    afterAll(() => target.dispose());

    it('shows its tile and incident charts, and says the on-call data is not there yet', async () => {
      const { html } = await writePage(target, dir, 'one.html', WINDOW);
      const doc = parsePage(html);
      const tiles = doc.querySelectorAll('article.team');
      expect(tiles).toHaveLength(1);
      expect(tiles[0]?.querySelector('[data-figure="incidents"]')?.getAttribute('data-value')).toBe('4');
      for (const id of ['weekly-mtta', 'weekly-mttr', 'weekly-volume', 'hour-of-week', 'noisy']) expect(absentText(doc, id), id).toBeNull();
      expect(absentText(doc, 'oncall-hours')).toMatch(/^No on-call shifts in this window\. Shifts arrive once the on-call streams have synced/);
      expect(absentText(doc, 'interruptions')).toMatch(/^No interruptions in this window\./);
      // Never synced: its freshness says so rather than showing a date.
      expect(doc.querySelector('[data-section="freshness"] tbody tr')?.textContent).toContain('never (a stream has not succeeded yet)');
      expectNoBrokenNumbers(html);
    });
  });

  describe('the fixture', () => {
    let fixture: FixtureStore;
    beforeAll(async () => {
      fixture = await createFixtureStore(kind);
      await fixture.store.close();
    });
    afterAll(() => fixture.close());

    it('in a window without incidents: zeros in the tiles and a sentence for each chart', async () => {
      const { html } = await writePage(fixture.target, dir, 'quiet.html', { since: '2026-09-01', until: '2026-09-08' });
      const doc = parsePage(html);
      const alpha = doc.querySelector('article.team');
      expect(alpha?.querySelector('[data-figure="incidents"] .value')?.textContent).toBe('0');
      expect(alpha?.querySelector('[data-figure="incidents"] .change')?.textContent).toBe('no change from 0');
      expect(alpha?.querySelector('[data-figure="mtta_p50_seconds"] .value')?.textContent).toBe('–');
      expect(alpha?.querySelector('[data-figure="mtta_p50_seconds"] .change')?.textContent).toBe('none in the previous window either');
      for (const id of ['weekly-mtta', 'weekly-mttr', 'weekly-volume', 'hour-of-week', 'noisy']) expect(absentText(doc, id), id).toBe('No incidents were triggered in this window.');
      expect(absentText(doc, 'oncall-hours')).toMatch(/^No on-call shifts in this window\./);
      expectNoBrokenNumbers(html);
    });

    it('compares each figure with the previous window of the same length', async () => {
      // [2026-08-09, 2026-08-16) against [2026-08-02, 2026-08-09): Alpha 3 incidents (A4, A5, A6) against 2 (A2, A3).
      const { html } = await writePage(fixture.target, dir, 'week.html', { since: '2026-08-09', until: '2026-08-16' });
      const alpha = parsePage(html).querySelector('article.team');
      expect(alpha?.querySelector('[data-figure="incidents"] .change')?.textContent).toBe('▲ up 1 from 2');
    });

    it('counts the heat map on the chosen zone\'s wall clock, to the quarter hour', async () => {
      const cell = async (tz: string | undefined, title: string) => {
        const { html } = await writePage(fixture.target, dir, 'tz.html', { ...WINDOW, tz });
        return [...section(parsePage(html), 'hour-of-week').querySelectorAll('g[aria-label="cell"] title')].some((t) => t.textContent === title);
      };
      // A1 triggers Saturday 2026-08-01 00:00 UTC: Friday 20:00 in New York (UTC-4 in August).
      expect(await cell(undefined, 'Sat 00:00–00:59: 1 incident')).toBe(true);
      expect(await cell('America/New_York', 'Fri 20:00–20:59: 1 incident')).toBe(true);
      // A2 at Monday 10:30 UTC is 16:00 in Kolkata (UTC+5:30): a UTC hour would have split it.
      expect(await cell('Asia/Kolkata', 'Mon 16:00–16:59: 1 incident')).toBe(true);
    });

    it('writes the page to stdout with --out -, and nothing else', async () => {
      const run = await runReport(fixture.target, 'html', { ...WINDOW, out: '-' });
      expect(run.code).toBe(0);
      expect(run.out.startsWith('<!doctype html>')).toBe(true);
      expect(run.out.endsWith('</html>\n')).toBe(true);
      expect(run.err).toBe('');
    });

    it('says where it wrote the page', async () => {
      const { file, out } = await writePage(fixture.target, dir, 'said.html', WINDOW);
      expect(out).toBe(`Wrote the report to ${file}\n`);
    });
  });
});

describe('report html options', () => {
  it.each([
    [{ tz: 'Mars/Olympus' }, '--tz: must be an IANA time zone such as UTC, Europe/Berlin or America/New_York; got "Mars/Olympus"'],
    [{ by: 'week' }, '--by: does not apply to the html report'],
    [{ limit: '3' }, '--limit: does not apply to the html report'],
    [{ format: 'json' }, '--format: does not apply to the html report, which is one HTML page'],
    [{ out: ' ' }, '--out: is empty; give a file, or - for stdout'],
    [{ since: '2026-08-16', until: '2026-08-01' }, '--since: must be before --until'],
  ])('refuses %o before opening a store', async (options, message) => {
    // A store path that does not exist: the refusal comes first.
    const target = { kind: 'sqlite', location: '/nonexistent/spike.db', env: {} } as unknown as StoreUnderTest;
    const refused = runReport(target, 'html', options);
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(message);
  });

  it('keeps --out and --tz to the html report', async () => {
    const target = { kind: 'sqlite', location: '/nonexistent/spike.db', env: {} } as unknown as StoreUnderTest;
    await expect(runReport(target, 'summary', { tz: 'UTC' })).rejects.toThrow('--tz: applies only to the html report');
    await expect(runReport(target, 'summary', { out: 'x.html' })).rejects.toThrow('--out: applies only to the html report');
  });
});
