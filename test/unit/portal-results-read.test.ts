/**
 * Reading portal results files (untrusted): JSON in the API's shape or wrapped, CSV and .xlsx with
 * IRP-6's columns under any spelling, values normalised to the API's (INV, dd/mm/yyyy,
 * "yyyy-MM-dd HH:mm:ss"), unreadable values named rather than guessed, and bounds (rows, size,
 * zip bombs) with clear errors.
 */
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readResultsFile, ResultsFileError } from '../../electron/app/portal/results-read';
import { checkZipBounds, ZipBoundsError } from '../../electron/app/portal/zip-guard';

const IRN = 'a'.repeat(64);
const read = (text: string) => readResultsFile(Buffer.from(text));

describe('JSON results', () => {
  it('reads API-shaped rows, nested DocDtls / Data / SellerDtls, ErrorDetails and DUPIRN', async () => {
    const { format, rows } = await read(JSON.stringify({
      Generated: [{ SellerGstin: '29abcde1234f1zw', DocDtls: { Typ: 'inv', No: 'A/1', Dt: '14/11/2026' }, Data: { AckNo: 132610036743849, AckDt: '2026-11-14 10:05:09', Irn: IRN.toUpperCase() } }],
      Errors: [{ 'Doc Type': 'Credit Note', 'Doc No': 'C/1', 'Doc Date': '2026-11-14', BuyerDtls: { Gstin: '27AADCP1234M1ZD' }, ErrorDetails: [{ ErrorCode: '2150', ErrorMessage: 'Duplicate IRN' }], InfoDtls: [{ InfCd: 'DUPIRN', Desc: { Irn: IRN } }] }],
    }));
    expect(format).toBe('json');
    expect(rows[0]).toMatchObject({ where: 'item 1', sellerGstin: '29ABCDE1234F1ZW', docType: 'INV', docNo: 'A/1', docDate: '14/11/2026', ackNo: '132610036743849', ackDt: '2026-11-14 10:05:09', irn: IRN, errors: [], problems: [] });
    expect(rows[1]).toMatchObject({ docType: 'CRN', docNo: 'C/1', docDate: '14/11/2026', buyerGstin: '27AADCP1234M1ZD', errors: [{ code: '2150', message: 'Duplicate IRN' }], dupIrn: IRN });
  });

  it('names what it cannot read instead of guessing', async () => {
    const { rows } = await read(JSON.stringify([{ DocTyp: 'Bill', DocNo: 'X'.repeat(17), DocDt: '31/02/2026', Irn: 'xyz', AckNo: 1.3261e14 + 0.5, AckDt: 'yesterday' }, 7]));
    expect(rows[0]!.problems).toEqual([
      'DocTyp "Bill" is not a document type (INV, CRN, DBN)',
      `DocNo "${'X'.repeat(17)}" is not a document number (1 to 16 characters)`,
      'DocDt "31/02/2026" is not a date dd/mm/yyyy',
      'Irn "xyz" is not an IRN (64 hexadecimal characters)',
      expect.stringMatching(/^AckNo "132610000000000.5" is not an acknowledgement number/),
      'AckDt "yesterday" is not an acknowledgement date and time',
    ]);
    expect(rows[1]!.problems).toEqual(['it is not a JSON object']);
  });

  it('takes the document from the signed QR when the row does not say it', async () => {
    const data = JSON.stringify({ SellerGstin: '29ABCDE1234F1ZW', BuyerGstin: 'URP', DocNo: 'Q/1', DocTyp: 'DBN', DocDt: '01/12/2026', Irn: IRN });
    const qr = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ data })).toString('base64url')}.c2ln`;
    const { rows } = await read(JSON.stringify([{ SignedQRCode: qr, AckNo: '1' }]));
    expect(rows[0]).toMatchObject({ sellerGstin: '29ABCDE1234F1ZW', buyerGstin: 'URP', docType: 'DBN', docNo: 'Q/1', docDate: '01/12/2026', irn: IRN });
  });

  it('refuses what is not a results list', async () => {
    await expect(read('{"a":1}')).rejects.toThrow(/no list of results/);
    await expect(read('[1,')).rejects.toThrow(/not valid JSON/);
    await expect(read(JSON.stringify(Array.from({ length: 20_001 }, () => ({}))))).rejects.toThrow(/at most 20,000/);
    await expect(readResultsFile(Buffer.alloc(0))).rejects.toThrow('the file is empty');
  });
});

describe('CSV results', () => {
  it('finds the header under a title, maps IRP-6 columns in any spelling, merges one line per error', async () => {
    const csv = [
      'IRN Generated report',
      'File Name,Date,Filed By,Counterparty,Doc Type,Doc No,Doc Date,Ack No.,Ack Date,IRN',
      `up.json,14/11/2026 10:05:09,29ABCDE1234F1ZW,27AADCP1234M1ZD,Tax Invoice,A/1,14-11-2026,132610036743849,14/11/2026 10:05:09 AM,${IRN}`,
      `up.json,14/11/2026 10:05:09,29ABCDE1234F1ZW,27AADCP1234M1ZD,Tax Invoice,A/2,14/11/2026,1.32610036743849E+14,14/11/2026 12:05 PM,${IRN}`,
    ].join('\r\n');
    const { format, rows } = await read(`\uFEFF${csv}`);
    expect(format).toBe('csv');
    expect(rows[0]).toMatchObject({ where: 'row 3', filedBy: '29ABCDE1234F1ZW', buyerGstin: '27AADCP1234M1ZD', docType: 'INV', docNo: 'A/1', docDate: '14/11/2026', ackNo: '132610036743849', ackDt: '2026-11-14 10:05:09', problems: [] });
    expect(rows[1]!.ackDt).toBe('2026-11-14 12:05:00');
    expect(rows[1]!.problems[0]).toMatch(/^Ack No\. "1\.32610036743849E\+14" is not an acknowledgement number .*1\.3E\+14/);
    const errors = ['Doc Type\tDoc No\tDoc Date\tError Code\tError Message', 'INV\tB/1\t14/11/2026\t2189\tInvoice value mismatch', 'INV\tB/1\t14/11/2026\t2182\tTaxable value mismatch', 'INV\tB/2\t14/11/2026\t2150\tDuplicate IRN'].join('\n');
    const e = await read(errors);
    expect(e.rows.map((r) => [r.docNo, r.errors.map((x) => x.code)])).toEqual([['B/1', ['2189', '2182']], ['B/2', ['2150']]]);
  });

  it('says so when no header with the portal\'s columns is found', async () => {
    await expect(read('a,b,c\n1,2,3\n')).rejects.toThrow(ResultsFileError);
  });
});

describe('Excel results', () => {
  it('reads date cells, numbers and text across sheets, skipping a sheet without the columns', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Read me').addRow(['Downloaded from the e-invoice portal']);
    const s = book.addWorksheet('Generated');
    s.addRow(['Doc Type', 'Doc No', 'Doc Date', 'Ack No', 'Ack Date', 'IRN', 'Supplier GSTIN']);
    s.addRow(['INV', 'X/1', new Date(Date.UTC(2026, 10, 14)), 132610036743849, new Date(Date.UTC(2026, 10, 14, 15, 4, 5)), IRN, '29ABCDE1234F1ZW']);
    s.addRow([]);
    s.addRow(['CRN', { richText: [{ text: 'X/' }, { text: '2' }] }, 46340, '132610036743850', '2026-11-14 15:04:05', IRN, '29ABCDE1234F1ZW']);
    const { format, rows } = await readResultsFile(Buffer.from(await book.xlsx.writeBuffer()));
    expect(format).toBe('xlsx');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ where: 'sheet "Generated", row 2', docType: 'INV', docNo: 'X/1', docDate: '14/11/2026', ackNo: '132610036743849', ackDt: '2026-11-14 15:04:05', sellerGstin: '29ABCDE1234F1ZW', problems: [] });
    expect(rows[1]).toMatchObject({ docType: 'CRN', docNo: 'X/2', docDate: '14/11/2026', ackNo: '132610036743850' });
  });

  it('refuses an old .xls and a workbook without the portal\'s columns', async () => {
    await expect(readResultsFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]))).rejects.toThrow(/save it as \.xlsx or CSV/);
    const book = new ExcelJS.Workbook();
    book.addWorksheet('x').addRow(['a', 'b']);
    await expect(readResultsFile(Buffer.from(await book.xlsx.writeBuffer()))).rejects.toThrow(/no sheet has a header row/);
  });
});

/** A one-entry zip whose central directory declares `declared` as the entry's size. */
function zipOf(name: string, content: Buffer, declared = content.length): Buffer {
  const data = deflateRawSync(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const head = Buffer.concat([local, Buffer.from(name), data]);
  const dir = Buffer.concat([central, Buffer.from(name)]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(head.length, 16);
  return Buffer.concat([head, dir, end]);
}

describe('zip bounds (.xlsx)', () => {
  const limits = { maxEntries: 10, maxTotalBytes: 1_000_000 };

  it('passes an honest small archive', () => {
    expect(() => checkZipBounds(zipOf('a.xml', Buffer.from('<x/>')), limits)).not.toThrow();
  });

  it('refuses a bomb that declares a small size but expands beyond it, and one that declares too much', async () => {
    const bomb = zipOf('xl/sharedStrings.xml', Buffer.alloc(20_000_000), 1000);
    expect(bomb.length).toBeLessThan(30_000);
    expect(() => checkZipBounds(bomb, limits)).toThrow(ZipBoundsError);
    expect(() => checkZipBounds(zipOf('big.xml', Buffer.alloc(2_000_000)), limits)).toThrow(/expands to more than 1 MB/);
    expect(() => checkZipBounds(Buffer.from('PK\u0003\u0004 not really a zip file at all......'), limits)).toThrow(/not a readable \.xlsx/);
    // through the reader: a clear ResultsFileError
    await expect(readResultsFile(bomb)).rejects.toThrow(ResultsFileError);
  });
});
