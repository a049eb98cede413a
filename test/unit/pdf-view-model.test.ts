import { describe, expect, it } from 'vitest';
import { buildPayload } from '../../shared/einvoice/compute';
import { amountInWords, toPaise } from '../../shared/money';
import { buildInvoiceView, formatIrpDateTime, formatRate, stateLabel } from '../../electron/pdf/view-model';
import type { PrintableInvoice } from '../../electron/pdf';
import { BUYER_MH, lines, sampleDraft } from '../support/signed-fixtures';

const REG = { irn: 'a'.repeat(64), ackNo: 132610036743849, ackDt: '2026-11-14 12:34:56', signedQrCode: 'x.y.z', status: 'ACT' as const };

function printable(overrides: Parameters<typeof sampleDraft>[0] = {}, extra: Partial<PrintableInvoice> = {}): PrintableInvoice {
  return { payload: buildPayload(sampleDraft(overrides)), registration: REG, ...extra };
}

describe('invoice view', () => {
  it('titles the document by its type and marks drafts', () => {
    expect(buildInvoiceView(printable()).title).toBe('Tax Invoice');
    expect(buildInvoiceView(printable({ docType: 'CRN' })).title).toBe('Credit Note');
    expect(buildInvoiceView(printable({ docType: 'DBN' })).title).toBe('Debit Note');
    const draft = buildInvoiceView({ payload: buildPayload(sampleDraft()) });
    expect(draft.status).toBe('draft');
    expect(draft.einvoice).toEqual([]);
  });

  it('carries the Rule 46 particulars: number, date, place of supply with state code, reverse charge', () => {
    const v = buildInvoiceView(printable({ reverseCharge: true, buyer: BUYER_MH }));
    expect(v.document).toEqual(expect.arrayContaining([
      ['Invoice No.', 'ST/26-27/0042'],
      ['Date', '14/11/2026'],
      ['Place of supply', 'Maharashtra (27)'],
      ['Reverse charge', 'Yes'],
    ]));
    expect(v.seller.lines).toContain('State: Karnataka (29)');
    expect(v.seller.lines).toContain('GSTIN: 29ABCDE1234F1ZW');
    expect(v.parties[0]?.lines).toContain('GSTIN: 27AAPFU0939F1ZV');
  });

  it('prints the IRN, Ack No/Date, cancellation and e-way bill lines', () => {
    const v = buildInvoiceView(printable({}, {
      registration: { ...REG, status: 'CNL', cancelDate: '2026-11-14 18:00:00' },
      ewb: { ewbNo: 391009149369, ewbDt: '2026-11-14 12:40:00', validTill: '2026-11-15 23:59:00' },
    }));
    expect(v.status).toBe('cancelled');
    expect(v.einvoice).toEqual([
      ['IRN', 'a'.repeat(64)],
      ['Ack No.', '132610036743849'],
      ['Ack Date', '14/11/2026 12:34:56'],
      ['Status', 'IRN CANCELLED on 14/11/2026 18:00:00'],
      ['E-way bill No.', '391009149369'],
      ['E-way bill date', '14/11/2026 12:40:00'],
      ['Valid till', '15/11/2026 23:59:00'],
    ]);
  });

  it('lists items with CGST and SGST for an intra-state supply, from the payload values', () => {
    const v = buildInvoiceView(printable());
    expect(v.items.columns.map((c) => c.header)).toEqual([
      'S.No', 'Description', 'HSN/SAC', 'Qty', 'Unit', 'Rate', 'Discount', 'Taxable value', 'GST %', 'CGST', 'SGST/UTGST', 'Cess', 'Total',
    ]);
    expect(v.items.columns.reduce((a, c) => a + c.width, 0)).toBe(539);
    // Line 2: 2.25 tins at 2,125.50 less 50.00 discount = 4,732.38 taxable at 5 %.
    expect(v.items.rows[1]).toEqual([
      '2', 'Sunflower oil 15 litre tin, refined, for commercial kitchens', '15121910', '2.25', 'TIN', '2,125.50', '50.00', '4,732.38', '5%', '118.31', '118.31', '0.00', '4,969.00',
    ]);
    expect(v.items.footer?.at(-1)).toBe('23,591.58');
  });

  it('switches to IGST for an inter-state supply', () => {
    const v = buildInvoiceView(printable({ buyer: BUYER_MH }));
    const headers = v.items.columns.map((c) => c.header);
    expect(headers).toContain('IGST');
    expect(headers).not.toContain('CGST');
    expect(v.totals.map(([l]) => l)).toEqual(['Taxable value', 'IGST', 'Cess', 'Round off', 'Total invoice value']);
  });

  it('sums tax by HSN and rate, and the totals match the payload with Indian grouping and words', () => {
    const p = printable({ lines: lines(1000) });
    const v = buildInvoiceView(p);
    expect(v.items.rows).toHaveLength(1000);
    expect(v.hsnSummary.rows.map((r) => r[0])).toEqual(['10063020', '15121910', '22021010', '73239390', '998540']);
    const assVal = toPaise(p.payload.ValDtls.AssVal);
    expect(v.hsnSummary.footer?.[2]).toBe(formatRate(assVal / 100));
    const total = v.totals.at(-1);
    expect(total?.[0]).toBe('Total invoice value');
    // Lakh grouping: 67,98,818.00, not 6,798,818.00.
    expect(total?.[1]).toBe('₹67,98,818.00');
    expect(toPaise(p.payload.ValDtls.TotInvVal)).toBe(679881800);
    expect(v.amountInWords).toBe(amountInWords(toPaise(p.payload.ValDtls.TotInvVal)));
  });

  it('formats rates, states and IRP dates', () => {
    expect(formatRate(1234567.125)).toBe('12,34,567.125');
    expect(formatRate(100)).toBe('100.00');
    expect(formatRate(0.5)).toBe('0.50');
    expect(stateLabel('7')).toBe('Delhi (07)');
    expect(stateLabel('96')).toBe('Other Country (96)');
    expect(formatIrpDateTime('2022-09-29 23:59:00')).toBe('29/09/2022 23:59:00');
    expect(formatIrpDateTime('29/09/2022')).toBe('29/09/2022');
  });

  it('takes bank details from the seller settings, else from PayDtls', () => {
    const bank = { name: 'State Bank of India', account: '12345678901', ifsc: 'SBIN0001234' };
    expect(buildInvoiceView(printable({}, { seller: { bank } })).bank).toEqual(['Bank: State Bank of India', 'A/c No.: 12345678901', 'IFSC: SBIN0001234']);
    const p = printable({ payment: { Nm: 'Sharma Traders', AccDet: '5566778899', FinInsBr: 'HDFC0000001' } });
    expect(buildInvoiceView(p).bank).toEqual(['Account name: Sharma Traders', 'A/c No.: 5566778899', 'IFSC: HDFC0000001']);
  });
});
