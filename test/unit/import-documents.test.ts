/** Issue 14: header matching, grouping rows into documents, and the checks against the IRP's arithmetic. */
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../shared/import/cells';
import { checkDocument, locate, problemsOf } from '../../shared/import/check';
import { buildDocuments } from '../../shared/import/documents';
import type { FieldId } from '../../shared/import/fields';
import { inv01ToDoc, locateJson } from '../../shared/import/inv01';
import { autoMap, detectHeaderRow, fitMapping, layoutKey, missingRequired, uniqueHeaders } from '../../shared/import/mapping';
import type { BuildContext, ImportBusiness, ImportProblem, SourceRow } from '../../shared/import/types';
import { BUYER_MH, SELLER_KA, validInvoice } from '../support/invoices';

const OPTIONS = { profile: 'sandbox' as const, today: '2026-11-21' };
const BUSINESS: ImportBusiness = { id: 1, gstin: SELLER_KA.Gstin, seller: SELLER_KA };

describe('header matching', () => {
  it('matches the issue\'s synonyms ignoring case, spaces and punctuation', () => {
    const m = autoMap(['Voucher No.', 'Bill Date', 'GSTIN of Buyer', 'HSN/SAC', 'Qty', 'Assessable Value', 'IGST Amount', 'Unit Price', 'Place of Supply', 'Particulars']);
    expect(m.columns).toMatchObject({
      docNo: 'Voucher No.', docDate: 'Bill Date', buyerGstin: 'GSTIN of Buyer', hsn: 'HSN/SAC', qty: 'Qty', taxableValue: 'Assessable Value',
      igstAmount: 'IGST Amount', unitPrice: 'Unit Price', placeOfSupply: 'Place of Supply', buyerName: 'Particulars',
    });
    expect(autoMap(['invoice no', 'Customer GSTIN', 'Quantity', 'Taxable Value (₹)', 'IGST', 'Rate', 'State']).columns).toMatchObject({
      docNo: 'invoice no', buyerGstin: 'Customer GSTIN', qty: 'Quantity', taxableValue: 'Taxable Value (₹)', igstAmount: 'IGST', unitPrice: 'Rate', placeOfSupply: 'State',
    });
  });

  it('gives a second column its next field: State becomes the buyer state beside Place of Supply', () => {
    const m = autoMap(['Place of Supply', 'State', 'GST Rate (%)', 'Rate']);
    expect(m.columns).toMatchObject({ placeOfSupply: 'Place of Supply', buyerState: 'State', gstRate: 'GST Rate (%)', unitPrice: 'Rate' });
  });

  it('leaves unknown headers for the user, names required fields still missing, keys the layout', () => {
    const headers = uniqueHeaders(['Inv No', 'Dated', 'Amount', 'Amount', null]);
    expect(headers).toEqual(['Inv No', 'Dated', 'Amount', 'Amount (2)', 'Column E']);
    const m = autoMap(headers);
    expect(m.columns.docDate).toBeUndefined();
    expect(missingRequired(m)).toEqual(['Document date', 'HSN/SAC']);
    expect(layoutKey(headers)).toBe('invno|dated|amount|amount|columne');
    const fitted = fitMapping({ columns: { docNo: 'Inv No', hsn: 'HSN' } }, headers);
    expect(fitted.mapping.columns).toEqual({ docNo: 'Inv No' });
    expect(fitted.unknownHeaders).toEqual(['HSN']);
  });

  it('finds the header row under a Tally export\'s title rows', () => {
    const rows: Array<{ row: number; cells: Cell[] }> = [
      { row: 1, cells: ['Sharma Traders Pvt Ltd'] },
      { row: 2, cells: ['Sales Register'] },
      { row: 3, cells: ['1-Nov-2026 to 30-Nov-2026'] },
      { row: 4, cells: [] },
      { row: 5, cells: ['Date', 'Particulars', 'Voucher Type', 'Voucher No.', 'GSTIN/UIN', 'Value'] },
      { row: 6, cells: ['1-Nov-2026', 'Buyer', 'Sales', '1', '27AAPFU0939F1ZV', '1,000'] },
    ];
    expect(detectHeaderRow(rows)).toBe(5);
  });
});

const COLUMNS: Partial<Record<FieldId, string>> = {
  docNo: 'Voucher No.', docDate: 'Date', buyerGstin: 'GSTIN/UIN', buyerName: 'Particulars', buyerAddress1: 'Address', buyerCity: 'City',
  buyerPin: 'PIN', buyerState: 'State', description: 'Item', hsn: 'HSN/SAC', qty: 'Quantity', unit: 'Unit', unitPrice: 'Rate',
  taxableValue: 'Value', gstRate: 'GST Rate', igstAmount: 'IGST', cgstAmount: 'CGST', sgstAmount: 'SGST', totalInvoiceValue: 'Gross Total', docType: 'Voucher Type',
};

function ctx(columns = COLUMNS): BuildContext {
  return { mapping: { columns }, businesses: [BUSINESS], business: BUSINESS };
}

let rowNo = 10;
function row(values: Partial<Record<FieldId, Cell>>, at?: number): SourceRow {
  rowNo = at ?? rowNo + 1;
  return { row: rowNo, values };
}

const MH_BUYER = { buyerGstin: BUYER_MH.Gstin, buyerName: BUYER_MH.LglNm, buyerAddress1: BUYER_MH.Addr1, buyerCity: BUYER_MH.Loc, buyerPin: '400069', buyerState: 'Maharashtra' };
const rice = { description: 'Basmati rice 25 kg bag', hsn: '10063020', qty: '10', unit: 'Bags', unitPrice: '1,850.00', gstRate: '5%' };

function build(rows: SourceRow[], c = ctx()) {
  const problems: ImportProblem[] = [];
  const docs = buildDocuments(rows, c, problems);
  return { docs, problems };
}

function check(doc: ReturnType<typeof build>['docs'][number], columns = COLUMNS) {
  return problemsOf(doc, checkDocument(doc, OPTIONS), (p) => locate(doc, p, columns));
}

describe('rows to documents', () => {
  it('groups a line-per-row register: continuation rows, totals row skipped, tax computed when absent', () => {
    const { docs, problems } = build([
      row({ docNo: 'ST/1', docDate: '14-Nov-2026', docType: 'Sales', ...MH_BUYER, ...rice, taxableValue: '18,500.00', igstAmount: '925.00', totalInvoiceValue: '₹ 1,37,425' }, 11),
      row({ description: 'Management consulting', hsn: '998311', qty: '1', unitPrice: '1,00,000', taxableValue: '1,00,000.00', gstRate: '18' }),
      row({ docNo: 'ST/2', docDate: '15/11/2026', ...MH_BUYER, ...rice }),
      row({ buyerName: 'Grand Total', taxableValue: '1,37,000.00' }),
    ]);
    expect(problems).toEqual([{ row: 14, column: '', code: 'SKIPPED_ROW', message: 'A totals row; not imported.', severity: 'warning' }]);
    expect(docs).toHaveLength(2);
    const [a, b] = docs;
    expect(a?.lineRows).toEqual([11, 12]);
    expect(a?.draft.lines.map((l) => [l.hsn, l.qtyMilli, l.unit, l.unitPricePaise, l.gstRate, l.isService])).toEqual([
      ['10063020', 10_000, 'BAG', 185_000, 5, false],
      ['998311', 1000, undefined, 10_000_000, 18, true],
    ]);
    expect(a?.draft.buyer).toMatchObject({ Gstin: BUYER_MH.Gstin, Stcd: '27', Pos: '27', Pin: 400069 });
    expect(a && check(a).filter((p) => p.severity === 'error')).toEqual([]);
    const payload = a && checkDocument(a, OPTIONS).payload;
    expect(payload?.ItemList[1]?.IgstAmt).toBe(18000);
    expect(payload?.ValDtls.TotInvVal).toBe(137425);
    expect(b?.draft.docDate).toBe('15/11/2026');
  });

  it('a written IGST that is not the rate × taxable value is the IRP\'s 2235 at that row and column, never replaced', () => {
    const { docs } = build([
      row({ docNo: 'ST/3', docDate: '14/11/2026', ...MH_BUYER, ...rice, igstAmount: '1,000.00' }, 21),
      row({ docNo: 'ST/3', docDate: '14/11/2026', ...MH_BUYER, ...rice, description: 'Sona masoori 25 kg', igstAmount: '925.00' }, 22),
    ]);
    const errors = check(docs[0]!).filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 21, column: 'IGST', code: '2235', docNo: 'ST/3' });
    expect(errors[0]?.message).toMatch(/should be 925\.00.*got 1000\.00/);
  });

  it('an amount within the ₹1 tolerance but not equal is a warning naming what the invoice will carry', () => {
    const { docs } = build([row({ docNo: 'ST/4', docDate: '14/11/2026', ...MH_BUYER, ...rice, igstAmount: '925.40' }, 31)]);
    const found = check(docs[0]!);
    expect(found.filter((p) => p.severity === 'error')).toEqual([]);
    expect(found.find((p) => p.code === 'ADJUSTED')).toMatchObject({ row: 31, column: 'IGST', severity: 'warning' });
    expect(found.find((p) => p.code === 'ADJUSTED')?.message).toMatch(/925\.40 differs from the computed 925\.00; the invoice will carry 925\.00/);
  });

  it('intra-state CGST/SGST are checked per head; the rate is inferred from the amounts when no rate column exists', () => {
    const columns = { ...COLUMNS };
    delete columns.gstRate;
    const kaBuyer = { buyerGstin: '29AWGPV7107B1Z1', buyerName: 'Vikas Exports', buyerAddress1: '1 Main Road', buyerCity: 'Channapatna', buyerPin: '562160', buyerState: 'KA' };
    const { docs } = build([
      row({ docNo: 'ST/5', docDate: '14/11/2026', ...kaBuyer, ...rice, gstRate: undefined, cgstAmount: '462.50', sgstAmount: '462.50' }, 41),
      row({ docNo: 'ST/6', docDate: '14/11/2026', ...kaBuyer, ...rice, gstRate: undefined, cgstAmount: '462.50', sgstAmount: '500.00' }, 42),
    ], ctx(columns));
    expect(docs[0]?.draft.lines[0]?.gstRate).toBe(5);
    expect(check(docs[0]!, columns).filter((p) => p.severity === 'error')).toEqual([]);
    const errors = check(docs[1]!, columns).filter((p) => p.severity === 'error');
    expect(errors.map((e) => [e.row, e.code])).toContainEqual([42, '2234']);
  });

  it('reports unreadable cells and disagreeing repeats at their row and column', () => {
    const { docs } = build([
      row({ docNo: 'ST/7', docDate: '14/11/2026', ...MH_BUYER, ...rice, totalInvoiceValue: '19,425' }, 51),
      row({ docNo: 'ST/7', docDate: '14/11/2026', ...MH_BUYER, ...rice, qty: '10 bags', totalInvoiceValue: '19,500' }, 52),
    ]);
    expect(docs[0]?.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 52, column: 'Gross Total', code: 'INCONSISTENT' }),
      expect.objectContaining({ row: 52, column: 'Quantity', code: 'FORMAT', message: 'Quantity "10 bags" is not a number' }),
    ]));
  });

  it('reads credit notes written negative, with their original invoice', () => {
    const { docs } = build([row({ docNo: 'CN/1', docDate: '20/11/2026', docType: 'Credit Note', ...MH_BUYER, ...rice, qty: '2', taxableValue: '-3,700.00', igstAmount: '-185.00' }, 61)],
      ctx({ ...COLUMNS, originalInvoiceNo: 'Against', originalInvoiceDate: 'Against Date' }));
    expect(docs[0]?.draft.docType).toBe('CRN');
    expect(docs[0]?.given.lines[0]).toMatchObject({ taxable: 370_000, igst: 18_500 });
    const errors = check(docs[0]!).filter((p) => p.severity === 'error');
    expect(errors).toEqual([]);
  });

  it('checks a credit note\'s written tax against its rate even though the IRP does not', () => {
    const { docs } = build([row({ docNo: 'CN/2', docDate: '20/11/2026', docType: 'CRN', ...MH_BUYER, ...rice, qty: '2', igstAmount: '200.00' }, 71)]);
    expect(check(docs[0]!).filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ row: 71, column: 'IGST', code: '2235' })]);
  });

  it('a seller GSTIN that is not a business is an error; one row per document works the same way', () => {
    const { docs } = build([row({ docNo: '1', docDate: '14/11/2026', sellerGstin: '27AAPFU0939F1ZV', ...MH_BUYER, ...rice }, 81)],
      { mapping: { columns: { ...COLUMNS, sellerGstin: 'Seller' } }, businesses: [BUSINESS] });
    expect(docs[0]?.problems).toEqual([expect.objectContaining({ row: 81, column: 'Seller', code: 'SELLER_UNKNOWN' })]);
  });
});

describe('INV-01 JSON', () => {
  it('becomes a draft whose payload equals the original, problems at the document and path', () => {
    const original = validInvoice();
    const doc = inv01ToDoc(original, 0, [BUSINESS]);
    const result = checkDocument(doc, OPTIONS);
    expect(result.errors).toEqual([]);
    expect(result.payload).toEqual(original);
    const broken = structuredClone(original) as unknown as { ItemList: Array<{ IgstAmt: number; CgstAmt: number }> };
    broken.ItemList[0]!.CgstAmt = 1;
    const bad = inv01ToDoc(broken, 4, [BUSINESS]);
    const problems = problemsOf(bad, checkDocument(bad, OPTIONS), (p) => locateJson(bad, p));
    expect(problems.filter((p) => p.severity === 'error')).toContainEqual(expect.objectContaining({ row: 5, column: 'ItemList[0].SgstAmt', code: '2234' }));
  });

  it('names the members the draft cannot keep', () => {
    const inv = { ...validInvoice(), AddlDocDtls: [{ Url: 'https://example.com/x' }] };
    const doc = inv01ToDoc(inv, 0, [BUSINESS]);
    expect(doc.problems).toEqual([expect.objectContaining({ code: 'NOT_KEPT', severity: 'warning', message: expect.stringContaining('AddlDocDtls') as string })]);
  });
});
