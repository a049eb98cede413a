/**
 * The exports (issue 14), each a plain function from a ledger connection to files, reporting
 * progress through a callback: nothing here needs the app core, so a worker thread can run it on
 * its own read-only connection. .xlsx is written with exceljs's streaming writer (rows leave as
 * they are made; memory stays flat however many documents); .csv with csv-stringify, one file per
 * sheet ("FILE.csv" and "FILE-lines.csv"; GSTR-1: "FILE-b2b.csv", ...).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { stringify, type Stringifier } from 'csv-stringify';
import type { Database } from 'better-sqlite3';
import { DOC_COLUMNS, LINE_COLUMNS, docRow, lineRows, type Column, type ExportDoc, type Value } from '../../../shared/export/register-rows';
import { GSTR1_HEADERS, GSTR1_SHEETS, HsnSummary, addToGstr1, emptyGstr1, type Gstr1Table } from '../../../shared/export/gstr1-rows';
import { ExportReader, type ExportQuery } from '../../ledger/export-read.repo';

export type ExportFormat = 'xlsx' | 'csv';

export interface ExportOptions {
  query: ExportQuery;
  format: ExportFormat;
  /** The file to write (.xlsx), or the first CSV file's name (others get a suffix). */
  file: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ExportResult {
  files: string[];
  documents: number;
  lines: number;
}

/** Lets the zip or CSV stream drain and the caller's progress reach the screen between pages. */
const breathe = () => new Promise<void>((r) => setImmediate(r));

/**
 * exceljs's streaming writer pushes a sheet's XML into the zip's deflate stream without waiting for
 * it (its StreamBuf ignores backpressure), so a fast producer piles megabytes up in front of zlib:
 * 550 MB at 100,000 documents, measured. Its StreamBuf keeps the zip's entry stream (a
 * readable-stream PassThrough) in `pipes`; waiting for that stream's 'drain' restores backpressure
 * (150 MB). Other exceljs internals, or no drain within 2 s: one turn of the event loop instead.
 */
type Pipe = { writableLength?: number; _writableState?: { length?: number }; once?: (e: string, f: () => void) => void };

async function zipDrained(ws: ExcelJS.Worksheet): Promise<void> {
  const target = (ws as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
  const queued = target?._writableState?.length ?? target?.writableLength ?? 0;
  if (target?.once && queued > 1024 * 1024) {
    await Promise.race([new Promise<void>((r) => target.once?.('drain', r)), new Promise<void>((r) => setTimeout(r, 2000))]);
  }
  await breathe();
}

interface Sheet {
  add(row: Value[]): void;
  /** Waits until what was added has left for the file (backpressure), so memory stays flat. */
  drained(): Promise<void>;
  /** No more rows: an .xlsx moves on to its next sheet (exceljs zips sheets one after another). */
  done(): void;
}

/** Sheets of one export: worksheets of one workbook, or one CSV file each. */
class Sink {
  private readonly files: string[] = [];
  private readonly csv: Array<{ out: WriteStream; csv: Stringifier }> = [];
  private readonly workbook?: ExcelJS.stream.xlsx.WorkbookWriter;

  constructor(private readonly format: ExportFormat, private readonly file: string) {
    if (format === 'xlsx') {
      // No styles: exceljs hashes a style model for every cell when they are on, which cost more than
      // half of the time of a 100,000-document export (profiled). Deflate level 1: a little larger,
      // markedly faster. Widths and the frozen header row need no styles.
      this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
      this.files.push(file);
    }
  }

  sheet(name: string, suffix: string, columns: ReadonlyArray<Pick<Column, 'header' | 'width'>>, top: Value[][] = []): Sheet {
    if (this.workbook) {
      const ws = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: top.length + 1 }] });
      ws.columns = columns.map((c) => ({ width: c.width ?? Math.max(12, c.header.length + 2) }));
      for (const r of top) ws.addRow(r).commit();
      ws.addRow(columns.map((c) => c.header)).commit();
      return { add: (row) => ws.addRow(row).commit(), drained: () => zipDrained(ws), done: () => ws.commit() };
    }
    const path = suffix ? this.file.replace(/(\.csv)?$/i, `-${suffix}.csv`) : this.file;
    const out = createWriteStream(path);
    const csv = stringify({ header: true, columns: columns.map((c) => c.header), bom: true, cast: { number: (v) => String(v) } });
    csv.pipe(out);
    this.csv.push({ out, csv });
    this.files.push(path);
    return {
      add: (row) => void csv.write(row.map((v) => v ?? '')),
      // asked of the stream itself: a 'drain' may have come while another sheet was waited for
      drained: async () => {
        if (csv.writableNeedDrain) await once(csv, 'drain');
        await breathe();
      },
      done: () => undefined,
    };
  }

  async close(): Promise<string[]> {
    if (this.workbook) await this.workbook.commit();
    for (const { out, csv } of this.csv) {
      csv.end();
      await once(out, 'close');
    }
    return this.files;
  }
}


/**
 * The invoice register: "Register" (one row per document: IRN, Ack No, Ack Date, status, cancel
 * date, totals per tax head) and "Lines" (one row per line item), for the query's documents. CSV
 * files are written side by side in one pass. An .xlsx's sheets are zipped one after the other, so
 * rows of the second sheet written during the first would wait in memory (490 MB at 100,000,
 * measured): the ledger is read twice, once per sheet.
 */
export async function exportRegister(db: Database, o: ExportOptions): Promise<ExportResult> {
  const reader = new ExportReader(db);
  const total = reader.count(o.query);
  const sink = new Sink(o.format, o.file);
  const twoPasses = o.format === 'xlsx';
  const passes = twoPasses ? 2 : 1;
  let documents = 0;
  let lines = 0;
  const docs = sink.sheet('Register', '', DOC_COLUMNS);
  let items = twoPasses ? undefined : sink.sheet('Lines', 'lines', LINE_COLUMNS);
  const writeLines = (d: ExportDoc, sheet: Sheet) => {
    for (const l of lineRows(d)) {
      sheet.add(l);
      lines += 1;
    }
  };
  for (const page of reader.documents(o.query)) {
    for (const d of page) {
      docs.add(docRow(d));
      if (items) writeLines(d, items);
    }
    documents += page.length;
    o.onProgress?.(documents, passes * total);
    await docs.drained();
    await items?.drained();
  }
  docs.done();
  if (twoPasses) {
    const sheet = sink.sheet('Lines', 'lines', LINE_COLUMNS);
    items = sheet;
    let done = 0;
    for (const page of reader.documents(o.query)) {
      for (const d of page) writeLines(d, sheet);
      done += page.length;
      o.onProgress?.(total + done, 2 * total);
      await sheet.drained();
    }
  }
  items?.done();
  return { files: await sink.close(), documents, lines };
}

/** GSTR-1 tables of the documents registered in the period (cancelled IRNs left out). */
export async function exportGstr1(db: Database, o: ExportOptions): Promise<ExportResult & { rows: Record<Gstr1Table, number> }> {
  const reader = new ExportReader(db);
  const query: ExportQuery = { ...o.query, status: 'registered' };
  const total = reader.count(query);
  const rows = emptyGstr1();
  const hsn = new HsnSummary();
  let done = 0;
  let lineCount = 0;
  for (const page of reader.documents(query)) {
    for (const d of page) {
      addToGstr1(rows, hsn, d);
      lineCount += d.payload?.ItemList.length ?? 0;
    }
    done += page.length;
    o.onProgress?.(done, total);
    await breathe();
  }
  rows.hsn = hsn.rowsOut();
  const sink = new Sink(o.format, o.file);
  for (const table of ['b2b', 'cdnr', 'cdnur', 'exp', 'hsn'] as const) {
    const headers = GSTR1_HEADERS[table].map((header) => ({ header }));
    // the template's three summary rows above the header (xlsx only; its CSV import takes the header row first)
    const top: Value[][] = o.format === 'xlsx' ? [[`Summary For ${table.toUpperCase()}`], ['Records', rows[table].length], []] : [];
    const sheet = sink.sheet(GSTR1_SHEETS[table], table, headers, top);
    for (const r of rows[table]) sheet.add(r);
    await sheet.drained();
    sheet.done();
  }
  return {
    files: await sink.close(),
    documents: done,
    lines: lineCount,
    rows: { b2b: rows.b2b.length, cdnr: rows.cdnr.length, cdnur: rows.cdnur.length, exp: rows.exp.length, hsn: rows.hsn.length },
  };
}
