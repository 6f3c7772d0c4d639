import { formatSeconds } from '../lib/duration.js';
import { REPORTS, type ReportDefinition, type ReportName, type ReportRequest, type ReportRow, type ReportSource } from '../reports/index.js';
import { writeToReader } from './pipe-output.js';
import { csvLines, jsonArrayEnd, jsonElements, renderTable, type Cell, type OutputFormat } from './table.js';

/**
 * Renders rows of a report. `table` is for people: id columns that have a name column beside them
 * are left out (the id shows where the name is null), and `_seconds` columns become spans such as `3h 12m`. `csv` and `json` keep every
 * column, with seconds as numbers and nulls kept (empty fields in CSV). A table of a report that may
 * have nothing to show yet says so in one line instead of printing bare headers.
 */
export function renderReport(name: ReportName, rows: readonly ReportRow[], format: OutputFormat, by?: string): string {
  const columns = REPORTS[name].columns(by);
  if (format === 'json') return jsonElements(rows, true) + jsonArrayEnd(rows.length === 0);
  if (format === 'csv') return csvLines([columns]) + csvRows(columns, rows);
  const empty = REPORTS[name].empty;
  if (rows.length === 0 && empty !== undefined) return `${empty}\n`;
  const shown = columns.filter((c) => !(c.endsWith('_id') && columns.includes(c.replace(/_id$/, '_name'))));
  const headers = shown.map((c) => c.replace(/_seconds$/, ''));
  return renderTable(headers, rows.map((row) => shown.map((c) => tableCell(c, row[c] ?? nameless(c, row)))));
}

/**
 * Writes a report to `out`, as renderReport renders it, through writeToReader. CSV and JSON of a report read in
 * batches are written batch by batch, so memory holds a batch whatever the length of the result; a table aligns its
 * columns over every row, so it reads them all first. Should the reading fail halfway, what was written stays written:
 * the header and some rows, or an array left open.
 */
export async function writeReport(out: NodeJS.WritableStream, report: ReportDefinition, source: ReportSource, request: ReportRequest, format: OutputFormat): Promise<void> {
  await writeToReader(out, async (put) => {
    if (!report.batches || format === 'table') {
      await put(renderReport(report.name, await report.run(source, request), format, request.by));
      return;
    }
    const columns = report.columns(request.by);
    let empty = true;
    if (format === 'csv') await put(csvLines([columns]));
    for await (const batch of report.batches(source, request)) {
      await put(format === 'json' ? jsonElements(batch, empty) : csvRows(columns, batch));
      empty &&= batch.length === 0;
    }
    if (format === 'json') await put(jsonArrayEnd(empty));
  });
}

/** The CSV lines of `rows`, one field per column (nulls and absent columns empty). */
function csvRows(columns: readonly string[], rows: readonly ReportRow[]): string {
  return csvLines(rows.map((row) => columns.map((c) => row[c] ?? null)));
}

/** A name column left out of the table stands in for its id; a row without a name (a person not stored) shows the id. */
function nameless(column: string, row: ReportRow): Cell {
  return column.endsWith('_name') ? (row[column.replace(/_name$/, '_id')] ?? null) : null;
}

function tableCell(column: string, value: Cell): Cell {
  if (!column.endsWith('_seconds')) return value;
  return typeof value === 'number' ? formatSeconds(value) : null;
}
