/**
 * The editor's form for the billing desk (issue 17): dates typed day first reach the payload as
 * dd/mm/yyyy and an impossible one is a 2144 at the field; a number the IRP would refuse is a
 * 5002 at the field; copies and notes made from a saved document; field names for the problem list.
 */
import { describe, expect, it } from 'vitest';
import { copyForm, noteForm } from '../../renderer/src/stores/editor.forms';
import { fieldLabel } from '../../renderer/src/stores/editor.fields';
import { fromDraft, toDraft } from '../../renderer/src/stores/editor.model';
import { targetKey } from '../../renderer/src/stores/editor.forms';
import { draft } from '../support/invoices';

const form = () => fromDraft(7, 1, draft({ payment: { Nm: 'Sharma Traders', Mode: 'UPI' }, ewb: { Distance: 10, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' } }));

describe('editor form → draft', () => {
  it('reads dates typed day first and says why a date is impossible, at its field', () => {
    const f = form();
    expect(toDraft({ ...f, docDate: '4/12/2026' }, undefined).draft.docDate).toBe('04/12/2026');
    expect(toDraft({ ...f, docDate: '04.12.26' }, undefined).draft.docDate).toBe('04/12/2026');
    const bad = toDraft({ ...f, docDate: '31/02/2026' }, undefined);
    expect(bad.problems).toEqual([{ field: 'docDate', code: '2144', message: 'There is no 31 February 2026: February 2026 has 28 days' }]);
    const note = toDraft({ ...f, docType: 'CRN', originals: [{ number: 'ST/1', date: '1-11-2026' }] }, undefined);
    expect(note.draft.precedingDocs).toEqual([{ InvNo: 'ST/1', InvDt: '01/11/2026' }]);
  });

  it('a number the IRP would refuse is a 5002 at the number', () => {
    const r = toDraft({ ...form(), docNo: 'INV 2026/0001' }, undefined);
    expect(r.problems).toEqual([{ field: 'docNo', code: '5002', message: 'INV 2026/0001 contains a space: the IRP takes only letters, digits, / and -' }]);
  });
});

describe('documents from documents', () => {
  it('a copy: same buyer and lines, no id, no number, today, without the e-way bill and payment', () => {
    const src = draft({ payment: { Nm: 'Sharma Traders', Mode: 'UPI' }, ewb: { Distance: 10, TransMode: '1', VehNo: 'KA01AB1234', VehType: 'R' }, rounding: 'none' });
    const copy = copyForm(1, src, '2026-12-05');
    expect(copy.id).toBeUndefined();
    expect(copy.docNo).toBe('');
    expect(copy.docDate).toBe('05/12/2026');
    expect(copy.buyer.gstin).toBe(src.buyer.Gstin);
    expect(copy.lines.map((l) => [l.hsn, l.qty, l.rate])).toEqual([['10063020', '10', '1850'], ['998311', '1', '50000']]);
    expect(copy.kept).toEqual({ rounding: 'none' });
  });

  it('a credit note: its type, the invoice as the original, the lines to edit', () => {
    const note = noteForm(1, draft(), 'CRN', { docNo: 'ST/25-26/0042', docDate: '2026-11-14' }, '2026-12-05');
    expect(note.docType).toBe('CRN');
    expect(note.originals).toEqual([{ number: 'ST/25-26/0042', date: '14/11/2026' }]);
    expect(toDraft(note, undefined).draft.precedingDocs).toEqual([{ InvNo: 'ST/25-26/0042', InvDt: '14/11/2026' }]);
    expect(note.lines).toHaveLength(2);
  });

  it('names what the editor opens, so the same document is not opened twice', () => {
    expect(targetKey({})).toBe('new');
    expect(targetKey({ id: 4 })).toBe('id:4');
    expect(targetKey({ from: { id: 4, as: 'CRN' } })).toBe('from:4:CRN');
    expect(targetKey({ recover: 'w1-2' })).toBe('recover:w1-2');
  });
});

describe('field names in the problem list', () => {
  it.each([
    ['buyer.gstin', 'Buyer GSTIN'],
    ['lines.0.hsn', 'HSN/SAC of line 1'],
    ['lines.2.row', 'Line of line 3'],
    ['shipTo.pin', 'Ship-to PIN'],
    ['original.0.date', 'Original invoice date'],
    ['docNo', 'Number'],
  ])('%s → %s', (field, label) => {
    expect(fieldLabel(field)).toBe(label);
  });
});
