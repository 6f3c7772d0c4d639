import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** Debian's Chromium, which .ci/run installs: the tests never download a browser build. */
export const CHROMIUM = '/usr/bin/chromium';

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

/**
 * A suite that needs the browser. Without /usr/bin/chromium it fails under CI=true (the suite must run there) and
 * is skipped elsewhere, with one loud line saying how to run it (as test/global-setup.ts treats PostgreSQL).
 */
export function describeWithBrowser(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
  } else if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium', () => {
        throw new Error(`${CHROMIUM} is missing; under CI=true the browser tests must run (.ci/run installs Debian's chromium)`);
      });
    });
  } else {
    process.stderr.write(`\n*** Browser tests SKIPPED (${title}): ${CHROMIUM} is missing. Install it with: apt-get install chromium ***\n\n`);
    describe.skip(title, body);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** A page loaded from disk, with every request the browser made and everything that went wrong while it loaded. */
export interface LoadedPage {
  page: Page;
  requests: string[];
  consoleErrors: string[];
  dialogs: string[];
}

export async function openFile(browser: Browser, file: string, width = 1280): Promise<LoadedPage> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const loaded: LoadedPage = { page, requests: [], consoleErrors: [], dialogs: [] };
  page.on('request', (request) => loaded.requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') loaded.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => loaded.consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    loaded.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return loaded;
}
