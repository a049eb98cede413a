/**
 * Plain words (issue 17 item 9) and the small readings of e-way bill answers (item 8): journal
 * entries become sentences naming the document, IRP codes keep their meaning, the app's own codes
 * become what happened; EWB-system dates and the IRP's PIN-to-PIN remark are read exactly.
 */
import { describe, expect, it } from 'vitest';
import { computedDistance, ewbSystemToIst, transportOf } from '../../electron/app/engine/ewb-facts';
import { readEwbPartB } from '../../electron/irp/results';
import { istToEwbSystem } from '../../electron/sandbox/handlers/ewb-partb';
import { describeEntry, errorInWords, failureInWords } from '../../renderer/src/plain';
import { totalsBreakdown, totalsHeadline } from '../../renderer/src/components/totals-text';

const entry = (kind: string, details: unknown, docNo = 'INV/26-27/0002') => ({ seq: 1, at: '2026-12-05T06:00:00.000Z', kind, invoiceId: 2, outcome: 'ok' as const, details, document: { docType: 'INV' as const, docNo } });

describe('journal entries in words', () => {
  it('names the document and says what happened, with no event name', () => {
    const irn = 'a'.repeat(64);
    expect(describeEntry(entry('register.ok', { irn, ackNo: '132600000000001' }))).toBe(`Invoice INV/26-27/0002 registered with the IRP; IRN ${'a'.repeat(12)}…, Ack No 132600000000001.`);
    expect(describeEntry(entry('register.failed', { errors: [{ code: '2176', message: 'Invalid HSN code' }] }))).toBe('The IRP refused invoice INV/26-27/0002: Invalid HSN code (IRP code 2176). Open it, correct it and register again.');
    expect(describeEntry(entry('register.retry', { nextAttemptAt: '2026-12-05T06:30:00.000Z', errors: [{ code: 'TIMEOUT', message: 'The IRP did not answer within 30 s.' }] }))).toBe('Invoice INV/26-27/0002 could not be registered now (The IRP took too long to answer); it will be tried again at 12:00:00.');
    expect(describeEntry(entry('invoice.saved', { docNo: 'X', errors: [] }))).toBe('Invoice INV/26-27/0002 saved as a draft; no problems found.');
    expect(describeEntry(entry('ewb_partb.ok', { ewbNo: '131000000001', vehicleNo: 'KA01AB1234', validTill: '2026-12-07 23:59:00' }))).toBe('E-way bill 131000000001 now shows vehicle KA01AB1234, valid till 07/12/2026 23:59:00.');
    // an unknown kind: its words, never dots, underscores or stray punctuation
    const unknown = describeEntry(entry('invoice.auto_saved', {}));
    expect(unknown).toBe('Invoice INV/26-27/0002: Invoice auto saved.');
    for (const kind of ['register.ok', 'register.failed', 'cancel.ok', 'ewb.ok', 'cancel_ewb.ok', 'credentials.set', 'ledger.backup']) {
      expect(describeEntry(entry(kind, { errors: [] }))).not.toMatch(/[a-z]+\.[a-z_]+|· ;|; ·|\s;/);
    }
  });

  it('shows IRP codes with their meaning and the app codes only as meaning', () => {
    expect(errorInWords({ code: '2230', message: 'IRN cannot be cancelled: an active e-way bill exists.' })).toBe('IRN cannot be cancelled: an active e-way bill exists (IRP code 2230)');
    expect(errorInWords({ code: 'HTTP', message: 'The IRP at api answered HTTP 502 for /x.' })).toBe("The IRP's server is failing right now");
    expect(failureInWords(['CONNECTION_REFUSED'])).toBe('the IRP could not be reached (check the internet connection)');
    expect(failureInWords(['HTTP'], 'HTTP 502')).not.toMatch(/HTTP/);
    expect(failureInWords(['1005'], 'Invalid Token.')).toBe('Invalid Token (IRP code 1005)');
  });
});

describe('totals in words', () => {
  const zero = { count: 0, totalPaise: 0 };
  it('says what the net value covers when credit notes or cancelled documents are in it', () => {
    const t = { count: 4, totalPaise: 100_00 + 20_00 - 30_00, byType: { INV: { count: 2, totalPaise: 100_00 }, CRN: { count: 1, totalPaise: 30_00 }, DBN: { count: 1, totalPaise: 20_00 } }, cancelled: zero };
    expect(totalsHeadline(t)).toBe('4 documents · ₹90.00');
    expect(totalsBreakdown(t)).toBe('net value = 2 invoices ₹100.00 + 1 debit note ₹20.00 − 1 credit note ₹30.00');
    const plain = { count: 2, totalPaise: 100_00, byType: { INV: { count: 2, totalPaise: 100_00 }, CRN: zero, DBN: zero }, cancelled: zero };
    expect(totalsHeadline(plain)).toBe('2 invoices · ₹100.00');
    expect(totalsBreakdown(plain)).toBe('');
    const cancelled = { count: 1, totalPaise: 0, byType: { INV: zero, CRN: zero, DBN: zero }, cancelled: { count: 1, totalPaise: 500_00 } };
    expect(totalsHeadline(cancelled)).toBe('1 cancelled document · ₹500.00, not counted in any total');
  });
});

describe('e-way bill answers', () => {
  it('reads the EWB system Part-B answer of the team kit fixture (nic-ewaybill-exchanges.json, update_vehicle_info)', () => {
    // result of "update_vehicle_info" in the team kit's fixture, copied here
    const r = readEwbPartB({ validUpto: '06/10/2022 11:59:00 PM', vehUpdDate: '05/10/2022 12:44:00 PM' });
    expect(r).toEqual({ vehUpdDate: '05/10/2022 12:44:00 PM', validUpto: '06/10/2022 11:59:00 PM' });
    expect(ewbSystemToIst(r.vehUpdDate)).toBe('2022-10-05 12:44:00');
    expect(ewbSystemToIst(r.validUpto!)).toBe('2022-10-06 23:59:00');
    expect(ewbSystemToIst('04/10/2022 12:14:00 AM')).toBe('2022-10-04 00:14:00');
    // and back: what the practice IRP writes
    expect(istToEwbSystem('2022-10-06 23:59:00')).toBe('06/10/2022 11:59:00 PM');
    expect(istToEwbSystem('2022-10-04 00:14:00')).toBe('04/10/2022 12:14:00 AM');
    expect(() => readEwbPartB({ validUpto: 'x' })).toThrow(/vehUpdDate/);
  });

  it('keeps the distance the IRP computed when 0 was sent, else the one typed', () => {
    expect(computedDistance([{ InfCd: 'EWBPPD', Desc: 'Pin-Pin calc distance: 2467KM' }], null)).toBe(2467);
    expect(computedDistance([], 'Pin-Pin calc distance: 88KM')).toBe(88);
    expect(computedDistance([], null)).toBeUndefined();
    expect(transportOf({ Distance: 0, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' }, 2467)).toEqual({ distanceKm: 2467, transMode: '1', vehicleNo: 'KA01AB1234', vehicleType: 'R' });
    expect(transportOf({ Distance: 120, TransId: '29AAGCB1286Q1Z5' }, 2467)).toEqual({ distanceKm: 120, transporterId: '29AAGCB1286Q1Z5' });
  });
});
