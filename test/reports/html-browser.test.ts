import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, launchBrowser, openFile } from '../helpers/browser.js';
import { describeEachStore } from '../helpers/stores.js';
import { createFixtureStore, type FixtureStore } from './fixture.js';
import { CHART_SECTIONS, MARK_SELECTOR, runReport, writePage } from './html-helpers.js';

const WINDOW = { since: '2026-08-01', until: '2026-08-16' };
const RESULTS = join(process.cwd(), 'test-results');

/** The page as a person opens it: a real Chromium loading the file from disk. */
describeWithBrowser('report html in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(RESULTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  describeEachStore('the fixture page', (kind) => {
    let fixture: FixtureStore;
    let dir: string;
    beforeAll(async () => {
      fixture = await createFixtureStore(kind);
      await fixture.store.close();
      dir = mkdtempSync(join(tmpdir(), 'spike-sync-html-'));
    });
    afterAll(async () => {
      await fixture.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('loads nothing but itself, logs no error, draws every chart, shows summary\'s numbers and is screenshotted', async () => {
      const { file } = await writePage(fixture.target, dir, 'report.html', { ...WINDOW, tz: 'Europe/Berlin' });
      const { page, requests, consoleErrors, dialogs } = await openFile(browser, file);
      try {
        expect(consoleErrors).toEqual([]);
        expect(dialogs).toEqual([]);
        expect(requests).toEqual([`file://${file}`]);

        // Every chart section has an SVG with data marks, none says its data is absent.
        for (const id of CHART_SECTIONS) {
          const section = page.locator(`section[data-chart="${id}"]`);
          expect(await section.count(), id).toBe(1);
          expect(await section.locator('.absent').count(), id).toBe(0);
          expect(await section.locator('svg').count(), id).toBeGreaterThan(0);
          expect(await section.locator(MARK_SELECTOR).count(), id).toBeGreaterThan(0);
        }

        // The tiles hold the numbers of `report summary --format json` over the same store and window.
        const summary = JSON.parse((await runReport(fixture.target, 'summary', { ...WINDOW, format: 'json' })).out) as Record<string, number | null | string>[];
        const tiles = await page.locator('article.team').evaluateAll((teams) =>
          teams.map((team) => ({
            team: team.getAttribute('data-team'),
            figures: Object.fromEntries([...team.querySelectorAll('[data-figure]')].map((f) => [f.getAttribute('data-figure'), f.getAttribute('data-value')])),
          })),
        );
        expect(tiles).toEqual(
          summary.map((row) => ({
            team: row.team_id,
            figures: Object.fromEntries(['incidents', 'open', 'mtta_p50_seconds', 'mttr_p50_seconds'].map((c) => [c, row[c] === null ? 'null' : String(row[c])])),
          })),
        );
        // What a person reads: Alpha's 6 incidents, 2 open, MTTA p50 3m 30s, MTTR p50 25m 0s (docs/reports.md).
        const alpha = page.locator('article.team').first();
        expect(await alpha.locator('[data-figure="mtta_p50_seconds"] .value').textContent()).toBe('3m 30s');
        expect(await alpha.locator('[data-figure="mttr_p50_seconds"] .value').textContent()).toBe('25m 0s');

        await page.screenshot({ path: join(RESULTS, `html-report-${kind}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }, 60_000);
  });
});
