/**
 * CSV files through csv-parse (quotes, embedded commas and line breaks, BOMs), streamed record by
 * record. Registers saved from Excel on Indian Windows are often not UTF-8 but Windows-1252, and
 * some are UTF-16 with a byte-order mark: the text is decoded accordingly before parsing, so "₹"
 * and names survive. The delimiter (comma, semicolon, tab or pipe) is the one that splits the first
 * lines into the most columns, the same number on each line (csv-parse's own delimiter_auto fails on
 * quoted fields in 7.0.3).
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse, type Info } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import type { Cell } from '../../../shared/import/cells';
import { deadline, ImportFileError, refuse, type ImportLimits } from './limits';
import type { RawRow } from './read-file';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Bytes → text: UTF-16 by BOM, else UTF-8 when it is valid UTF-8, else Windows-1252. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** Parses the first lines with each candidate delimiter; the best gives many columns, consistently. */
export function sniffDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  const cut = sample.length < text.length ? sample.slice(0, Math.max(sample.lastIndexOf('\n'), 1)) : sample;
  let best = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    try {
      const rows: string[][] = parseSync(cut, { delimiter, to_line: 20, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
      const widths = rows.map((r) => r.length).filter((w) => w > 1);
      if (widths.length === 0) continue;
      const common = Math.max(...widths);
      const agreeing = widths.filter((w) => w === common).length;
      const score = common * (agreeing / rows.length);
      if (score > best.score) best = { delimiter, score };
    } catch {
      // this delimiter does not parse the sample: not the one
    }
  }
  return best.delimiter;
}

export async function* readCsvRows(file: string, limits: ImportLimits): AsyncGenerator<RawRow> {
  const text = decodeText(await readFile(file));
  if (text.includes('\u0000')) throw new ImportFileError('NOT_CSV', 'The file is not text (it contains binary data); save the register as CSV or .xlsx.');
  const parser = Readable.from([text]).pipe(parse({
    delimiter: sniffDelimiter(text),
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: limits.maxCellChars * 4,
    info: true,
  }));
  const check = deadline(limits);
  let count = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      check();
      count += 1;
      const row = info.lines;
      if (count > limits.maxRows + 50) throw refuse.tooManyRows(limits);
      if (record.length > limits.maxColumns) throw refuse.tooManyColumns(limits, row);
      const cells: Cell[] = record.map((c) => {
        if (c.length > limits.maxCellChars) throw refuse.cellTooLong(limits, row);
        return c.trim() === '' ? null : c;
      });
      yield { row, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    const err = e as { code?: string; message?: string; lines?: number };
    if (err.code === 'CSV_MAX_RECORD_SIZE') throw refuse.cellTooLong(limits, err.lines ?? count + 1);
    throw new ImportFileError('BAD_CSV', `The CSV could not be read near line ${err.lines ?? count + 1}: ${err.message ?? String(e)}`);
  } finally {
    parser.destroy();
  }
}
