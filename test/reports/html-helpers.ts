import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { reportCommand, type ReportOptions } from '../../src/cli/commands/report.js';
import { fixedClock } from '../../src/lib/clock.js';
import { captureIo } from '../helpers/cli-io.js';
import type { StoreUnderTest } from '../helpers/store-under-test.js';
import { NOW } from './fixture.js';

/** The sections that draw a chart, as the page marks them (data-chart). */
export const CHART_SECTIONS = ['weekly-mtta', 'weekly-mttr', 'weekly-volume', 'hour-of-week', 'noisy', 'oncall-hours', 'interruptions'] as const;

/** The command-line options that name the store under test. */
export function storeOptions(target: StoreUnderTest): ReportOptions {
  return target.kind === 'postgres' ? { databaseUrl: target.env.DATABASE_URL } : { db: target.location };
}

/** Runs `report <name>` as the CLI does, on the store under test, at the fixture's now. */
export async function runReport(target: StoreUnderTest, name: string, options: ReportOptions): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(target.env);
  const code = await reportCommand(io, name, { ...storeOptions(target), ...options }, fixedClock(NOW));
  return { code, out: io.out(), err: io.err() };
}

/** `report html` into `dir`: the file written and its text. */
export async function writePage(target: StoreUnderTest, dir: string, name: string, options: ReportOptions): Promise<{ file: string; html: string; out: string }> {
  const file = join(dir, name);
  const run = await runReport(target, 'html', { ...options, out: file });
  if (run.code !== 0) throw new Error(`report html exited ${run.code}: ${run.err}`);
  return { file, html: readFileSync(file, 'utf8'), out: run.out };
}

export type PageDocument = ReturnType<typeof parseHTML>['document'];
export type PageElement = NonNullable<ReturnType<PageDocument['querySelector']>>;

/** The page parsed (without running anything), for tests that read its structure. */
export function parsePage(html: string): PageDocument {
  return parseHTML(html).document;
}

/** Plot's groups of data marks (not axes, grids or frames) and the shapes they draw. */
export const MARK_SELECTOR = ['bar', 'rect', 'cell', 'dot', 'line'].flatMap((mark) => ['rect', 'circle', 'path'].map((shape) => `svg g[aria-label="${mark}"] ${shape}`)).join(', ');

/** How many data marks a chart section drew. */
export function marksIn(section: PageElement): number {
  return section.querySelectorAll(MARK_SELECTOR).length;
}
