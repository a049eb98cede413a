/** Issue 14: the register's rows and the GSTR-1 tables, from INV-01 payloads as the ledger holds them. */
import { describe, expect, it } from 'vitest';
import { addToGstr1, emptyGstr1, gstr1Date, HsnSummary, placeOfSupply } from '../../shared/export/gstr1-rows';
import { DOC_COLUMNS, docRow, istText, LINE_COLUMNS, lineRows, type ExportDoc } from '../../shared/export/register-rows';
import { buildPayload } from '../../shared/einvoice/compute';
import { BUYER_MH, draft, goodsLine, serviceLine } from '../support/invoices';

function doc(over: Partial<ExportDoc> & { payload: ExportDoc['payload'] }): ExportDoc {
  const p = over.payload;
  return {
    id: 1, docType: (p?.DocDtls.Typ ?? 'INV') as ExportDoc['docType'], docNo: p?.DocDtls.No, docDate: '2026-11-14', sellerGstin: p?.SellerDtls.Gstin ?? '',
    buyerGstin: p?.BuyerDtls.Gstin, buyerName: p?.BuyerDtls.LglNm, status: 'registered', totalPaise: Math.round((p?.ValDtls.TotInvVal ?? 0) * 100), ...over,
  };
}

const inter = buildPayload(draft({ docNo: 'ST/1', buyer: BUYER_MH, lines: [goodsLine(), serviceLine(), goodsLine({ description: 'Sona masoori', qtyMilli: 4000 })] }));

describe('register rows', () => {
  it('one row per document with the IRP facts and the totals per tax head, one row per line', () => {
    const row = docRow(doc({ payload: inter, irn: 'a'.repeat(64), ackNo: '112010000000001', ackDt: '2026-11-14 17:29:34', irnStatus: 'ACT' }));
    const at = (h: string) => row[DOC_COLUMNS.findIndex((c) => c.header === h)];
    expect([at('Doc No'), at('Doc Date'), at('Place of Supply'), at('Supply Type'), at('Reverse Charge')]).toEqual(['ST/1', '14/11/2026', '27', 'B2B', 'N']);
    // 10 bags × 1,850 + 4 bags × 1,850 at 5 %, 50,000 of consulting at 18 %: all IGST (Karnataka → Maharashtra)
    expect([at('Taxable Value'), at('CGST'), at('SGST'), at('IGST'), at('Total Invoice Value'), at('Lines')]).toEqual([75900, 0, 0, 10295, 86195, 3]);
    expect([at('IRN'), at('Ack No'), at('Ack Date'), at('IRN Status'), at('Cancel Date')]).toEqual(['a'.repeat(64), '112010000000001', '14/11/2026 05:29 PM', 'ACT', null]);
    const lines = lineRows(doc({ payload: inter }));
    expect(lines).toHaveLength(3);
    const col = (h: string) => LINE_COLUMNS.findIndex((c) => c.header === h);
    expect(lines.map((l) => [l[col('Sl No')], l[col('HSN/SAC')], l[col('Qty')], l[col('Taxable Value')], l[col('IGST')]])).toEqual([[1, '10063020', 10, 18500, 925], [2, '998311', 1, 50000, 9000], [3, '10063020', 4, 7400, 370]]);
  });

  it('a cancelled document keeps its row, with the cancel date and reason', () => {
    const row = docRow(doc({ payload: inter, status: 'cancelled', irnStatus: 'CNL', cancelDate: '2026-11-15 10:00:00', cancelReason: '2' }));
    expect(row.slice(-7)).toEqual(['cancelled', null, null, null, 'CNL', '15/11/2026 10:00 AM', 'Data entry mistake']);
    expect(istText('not a date')).toBe('not a date');
  });
});

describe('GSTR-1 tables', () => {
  it('puts invoices in b2b by rate, notes in cdnr, exports in exp, and leaves cancelled IRNs out', () => {
    const rows = emptyGstr1();
    const hsn = new HsnSummary();
    addToGstr1(rows, hsn, doc({ payload: inter }));
    const note = buildPayload(draft({ docType: 'CRN', docNo: 'CN/1', buyer: BUYER_MH, lines: [goodsLine({ qtyMilli: 2000 })], precedingDocs: [{ InvNo: 'ST/1', InvDt: '14/11/2026' }] }));
    addToGstr1(rows, hsn, doc({ payload: note }));
    const exp = buildPayload(draft({
      docNo: 'EX/1', supplyType: 'EXPWOP', buyer: { Gstin: 'URP', LglNm: 'Gulf Traders LLC', Pos: '96', Addr1: 'Deira', Loc: 'Dubai', Pin: 999999, Stcd: '96' },
      lines: [serviceLine()], exportDetails: { Port: 'INMAA1', ShipBNo: '1234567', ShipBDt: '15/11/2026', CntCode: 'AE' },
    }));
    addToGstr1(rows, hsn, doc({ payload: exp }));
    addToGstr1(rows, hsn, doc({ payload: buildPayload(draft({ docNo: 'ST/9', buyer: BUYER_MH })), status: 'cancelled', irnStatus: 'CNL' }));
    rows.hsn = hsn.rowsOut();

    expect(rows.b2b).toEqual([
      [BUYER_MH.Gstin, BUYER_MH.LglNm, 'ST/1', '14-Nov-2026', 86195, '27-Maharashtra', 'N', null, 'Regular B2B', null, 5, 25900, 0],
      [BUYER_MH.Gstin, BUYER_MH.LglNm, 'ST/1', '14-Nov-2026', 86195, '27-Maharashtra', 'N', null, 'Regular B2B', null, 18, 50000, 0],
    ]);
    expect(rows.cdnr).toEqual([[BUYER_MH.Gstin, BUYER_MH.LglNm, 'CN/1', '14-Nov-2026', 'C', '27-Maharashtra', 'N', 'Regular B2B', 3885, null, 5, 3700, 0]]);
    expect(rows.exp).toEqual([['WOPAY', 'EX/1', '14-Nov-2026', 50000, 'INMAA1', '1234567', '15-Nov-2026', 18, 50000, 0]]);
    expect(rows.cdnur).toEqual([]);
    // the credit note's 2 bags are netted out of the rice line: 14 bags sold, 2 returned
    expect(rows.hsn).toEqual([
      ['10063020', 'Basmati rice 25 kg bag', 'BAG-BAGS', 12, 23310, 5, 22200, 1110, 0, 0, 0],
      ['998311', 'Management consulting', 'NA', 2, 109000, 18, 100000, 9000, 0, 0, 0],
    ]);
  });

  it('writes dates and places of supply as the template does', () => {
    expect(gstr1Date('2026-04-05')).toBe('05-Apr-2026');
    expect(gstr1Date('05/04/2026')).toBe('05-Apr-2026');
    expect(placeOfSupply('7')).toBe('07-Delhi');
  });
});
