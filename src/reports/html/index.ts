import type { ReportSource } from '../source.js';
import { gatherHtmlData, type HtmlReportRequest } from './gather.js';
import { renderPage } from './page.js';

export type { HtmlReportRequest } from './gather.js';

/**
 * `report html`: one self-contained page with tiles and charts. Loaded only by the command that builds it, so
 * nothing else pays for Plot and linkedom.
 */
export async function buildHtmlReport(source: ReportSource, request: HtmlReportRequest): Promise<string> {
  return renderPage(await gatherHtmlData(source, request));
}
