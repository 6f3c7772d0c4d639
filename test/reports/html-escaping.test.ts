import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeWithBrowser, launchBrowser, openFile } from '../helpers/browser.js';
import { ALPHA, BRAVO, INCIDENTS, createFixtureStore, writeIncidents, type FixtureStore } from './fixture.js';
import { CHART_SECTIONS, marksIn, parsePage, writePage } from './html-helpers.js';

/** API text an attacker chooses: anyone who can send an alert to Spike picks its title. */
const HOSTILE = {
  script: '<script>alert(1)</script>',
  attribute: '"><img src=x onerror=alert(2)>',
  controls: 'Disk\u001b[31m full\u0007 \u202egnp.exe',
  style: '</style><svg onload=alert(3)>',
};

const WINDOW = { since: '2026-08-01', until: '2026-08-16' };
// Characters that must never reach the page raw: C0 controls but tab and newline, DEL and C1, bidi overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The fixture with hostile team names, people's names and alert titles, written as a sync would store them. */
async function hostileStore(): Promise<FixtureStore> {
  const fixture = await createFixtureStore('sqlite');
  const seen = '2026-08-20T11:30:00.000Z';
  const titles = Object.values(HOSTILE);
  await fixture.store.transaction(async (tx) => {
    const team = (id: string, name: string) => ({ id, name, uid: null, description: null, isDefault: false, isPrivate: false, createdAt: null, updatedAt: null, raw: '{}' });
    await tx.writer('teams').upsert([team(ALPHA, HOSTILE.script), team(BRAVO, HOSTILE.attribute)], seen);
    await tx.writer('users').upsert(
      [['u1', HOSTILE.controls], ['u2', HOSTILE.style], ['u5', HOSTILE.attribute]].map(([id, name]) => ({
        id: id ?? '', firstName: null, lastName: null, name: name ?? '', email: null, role: null, timezone: null, removed: false, createdAt: null, updatedAt: null, raw: '{}',
      })),
      seen,
    );
    await writeIncidents(tx, INCIDENTS.map((incident, i) => ({ ...incident, title: titles[i % titles.length] ?? '' })));
  });
  await fixture.store.close();
  return fixture;
}

describe('report html escapes API text', () => {
  let fixture: FixtureStore;
  let dir: string;
  let page: { file: string; html: string };
  beforeAll(async () => {
    fixture = await hostileStore();
    dir = mkdtempSync(join(tmpdir(), 'spike-sync-html-'));
    page = await writePage(fixture.target, dir, 'hostile.html', WINDOW);
  });
  afterAll(async () => {
    await fixture.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds no element or handler of its own from the text', () => {
    const doc = parsePage(page.html);
    expect(doc.querySelectorAll('script, img, iframe, object, embed, link, base, meta[http-equiv="refresh"]')).toHaveLength(0);
    // Only the page's own <style> and those Plot puts in each chart.
    for (const style of doc.querySelectorAll('style')) expect(style.textContent).not.toContain('alert');
    const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name).filter((n) => n.toLowerCase().startsWith('on')));
    expect(handlers).toEqual([]);
    expect(page.html).not.toMatch(/<script|<img|<svg onload/i);
  });

  it('shows the text as text, in the tiles, the charts and their tooltips', () => {
    const doc = parsePage(page.html);
    expect(doc.querySelector(`article.team[data-team="${ALPHA}"] h3`)?.textContent).toBe(HOSTILE.script);
    expect(doc.querySelector(`article.team[data-team="${BRAVO}"] h3`)?.textContent).toBe(HOSTILE.attribute);
    const noisy = doc.querySelector('section[data-chart="noisy"]');
    expect(noisy === null ? 0 : marksIn(noisy)).toBeGreaterThan(0);
    const tooltips = [...(noisy?.querySelectorAll('title') ?? [])].map((t) => t.textContent ?? '');
    expect(tooltips.some((t) => t.startsWith(`${HOSTILE.script} · `))).toBe(true);
    expect(tooltips.some((t) => t.startsWith(`${HOSTILE.attribute} · `))).toBe(true);
    // People's names label the on-call charts.
    const people = doc.querySelector('section[data-chart="interruptions"]')?.textContent ?? '';
    expect(people).toContain(HOSTILE.style);
  });

  it('lets no control character through: they show as visible escapes', () => {
    expect(page.html).not.toMatch(RAW_CONTROLS);
    expect(page.html).toContain('Disk\\x1b[31m full\\x07 \\u202egnp.exe');
  });

  describeWithBrowser('in a browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('runs nothing, requests nothing, and still draws every chart', async () => {
      const { page: tab, requests, consoleErrors, dialogs } = await openFile(browser, page.file);
      try {
        expect(dialogs).toEqual([]);
        expect(consoleErrors).toEqual([]);
        expect(requests).toEqual([`file://${page.file}`]);
        expect(await tab.locator('script, img').count()).toBe(0);
        for (const id of CHART_SECTIONS) expect(await tab.locator(`section[data-chart="${id}"] svg`).count(), id).toBeGreaterThan(0);
        expect(await tab.locator(`article.team[data-team="${ALPHA}"] h3`).textContent()).toBe(HOSTILE.script);
      } finally {
        await tab.close();
      }
    }, 60_000);
  });
});
