/**
 * The editor's ship-to, dispatch-from, original-invoice and cess fields: form text → DraftInvoice →
 * form again without loss, the INV-01 payload they produce, and where each IRP violation path of
 * those blocks shows in the form.
 */
import { describe, expect, it } from 'vitest';
import { buildPayload, computeTotals, type DraftInvoice } from '../../shared/einvoice/compute';
import { validateInvoice } from '../../shared/einvoice/validate';
import type { BusinessView } from '../../shared/ipc/contract';
import { emptyForm, fieldOf, fromDraft, toDraft, type EditorForm } from '../../renderer/src/stores/editor.model';

const business = {
  id: 1, gstin: '29ABCDE1234F1ZW', legalName: 'Practice Traders Bengaluru', address1: '12 MG Road', location: 'Bengaluru', pin: 560001, stateCode: '29',
} as unknown as BusinessView;

function filledForm(): EditorForm {
  const f = emptyForm(1, '15/06/2026');
  return {
    ...f,
    docType: 'CRN',
    docNo: 'CN/0001',
    buyer: { gstin: '27AADCP1234M1ZD', legalName: 'Practice Manufacturing Private Limited', address1: 'Plot 4, Andheri East', location: 'Mumbai', pin: '400001', state: '27', pos: '27' },
    shipToOn: true,
    shipTo: { gstin: ' 27aadcp1234m1zd ', name: 'Practice Manufacturing Godown', address1: 'Survey 12, GIDC', address2: '', location: 'Vapi', pin: '396195', state: '24' },
    dispatchOn: true,
    dispatch: { gstin: '', name: 'Practice Traders Warehouse', address1: 'Plot 9, Peenya', address2: 'Phase 2', location: 'Bengaluru', pin: '560058', state: '29' },
    originals: [{ number: ' INV/0042 ', date: '01/06/2026' }],
    lines: [{ ...f.lines[0]!, description: 'Aerated drink 24 x 300 ml', hsn: '22021010', qty: '10', unit: 'box', rate: '1000', gstRate: '28', cessRate: '12', cessPerUnit: '2.50' }],
  };
}

describe('toDraft: ship-to, dispatch-from, original invoice, cess', () => {
  it('maps the ticked blocks to shipTo / dispatch, leaving empty optional members out', () => {
    const { draft, problems } = toDraft(filledForm(), business);
    expect(problems).toEqual([]);
    expect(draft.shipTo).toEqual({ Gstin: '27AADCP1234M1ZD', LglNm: 'Practice Manufacturing Godown', Addr1: 'Survey 12, GIDC', Loc: 'Vapi', Pin: 396195, Stcd: '24' });
    expect(draft.dispatch).toEqual({ Nm: 'Practice Traders Warehouse', Addr1: 'Plot 9, Peenya', Addr2: 'Phase 2', Loc: 'Bengaluru', Pin: 560058, Stcd: '29' });
    expect(draft.precedingDocs).toEqual([{ InvNo: 'INV/0042', InvDt: '01/06/2026' }]);
    expect(draft.lines[0]).toMatchObject({ cessRate: 12, cessNonAdvolPerUnitPaise: 250, unit: 'BOX' });
  });

  it('sends nothing for unticked blocks, for an invoice (INV), or for an empty original', () => {
    const unticked = { ...filledForm(), shipToOn: false, dispatchOn: false };
    const { draft } = toDraft(unticked, business);
    expect(draft).not.toHaveProperty('shipTo');
    expect(draft).not.toHaveProperty('dispatch');
    expect(toDraft({ ...filledForm(), docType: 'INV' }, business).draft).not.toHaveProperty('precedingDocs');
    expect(toDraft({ ...filledForm(), originals: [{ number: ' ', date: '' }] }, business).draft).not.toHaveProperty('precedingDocs');
    // a half-filled reference is sent, so the rules can say what is missing
    expect(toDraft({ ...filledForm(), originals: [{ number: '', date: '01/06/2026' }] }, business).draft.precedingDocs).toEqual([{ InvNo: '', InvDt: '01/06/2026' }]);
  });

  it('computes cess into the payload and the totals (12% of ₹10,000 + ₹2.50 × 10)', () => {
    const { draft } = toDraft(filledForm(), business);
    const totals = computeTotals(draft);
    expect(totals.cessPaise).toBe(120_000 + 2_500);
    const payload = buildPayload(draft);
    expect(payload.ItemList[0]).toMatchObject({ CesRt: 12, CesAmt: 1200, CesNonAdvlAmt: 25 });
    expect(payload.ValDtls.CesVal).toBe(1225);
    expect(payload.ShipDtls?.Stcd).toBe('24');
    expect(payload.DispDtls?.Nm).toBe('Practice Traders Warehouse');
    expect(payload.RefDtls?.PrecDocDtls).toEqual([{ InvNo: 'INV/0042', InvDt: '01/06/2026' }]);
  });

  it('reports text that is not a number in the cess cells as FORMAT at the cell', () => {
    const f = filledForm();
    const { problems } = toDraft({ ...f, lines: [{ ...f.lines[0]!, cessRate: '12%', cessPerUnit: '1.234' }] }, business);
    expect(problems.map((p) => p.field)).toEqual(['lines.0.cessRate', 'lines.0.cessPerUnit']);
  });
});

describe('fromDraft ∘ toDraft', () => {
  it('gives back the same draft (ship-to, dispatch, originals, cess)', () => {
    const { draft } = toDraft(filledForm(), business);
    const again = toDraft(fromDraft(7, 1, draft), business).draft;
    expect(again).toEqual(draft);
    const form = fromDraft(7, 1, draft);
    expect(form.shipToOn).toBe(true);
    expect(form.dispatchOn).toBe(true);
    expect(form.shipTo.name).toBe('Practice Manufacturing Godown');
    expect(form.dispatch.address2).toBe('Phase 2');
    expect(form.originals).toEqual([{ number: 'INV/0042', date: '01/06/2026' }]);
    expect(form.lines[0]).toMatchObject({ cessRate: '12', cessPerUnit: '2.5' });
  });

  it('keeps several original invoices and what the form does not show (state cess, payment, rounding)', () => {
    const { draft } = toDraft(filledForm(), business);
    const rich: DraftInvoice = {
      ...draft,
      precedingDocs: [{ InvNo: 'INV/0042', InvDt: '01/06/2026' }, { InvNo: 'INV/0043', InvDt: '02/06/2026' }],
      rounding: 'none',
      payment: { Nm: 'Practice Manufacturing', PaidAmt: 100 },
      lines: [{ ...draft.lines[0]!, stateCessRate: 1, freeQtyMilli: 1000 }],
    };
    expect(toDraft(fromDraft(7, 1, rich), business).draft).toEqual(rich);
  });

  it('opens a draft without the blocks unticked, with one empty original row', () => {
    const { draft } = toDraft({ ...filledForm(), shipToOn: false, dispatchOn: false, docType: 'INV' }, business);
    const form = fromDraft(3, 1, draft);
    expect(form.shipToOn).toBe(false);
    expect(form.dispatchOn).toBe(false);
    expect(form.originals).toEqual([{ number: '', date: '' }]);
    expect(form.lines[0]).toMatchObject({ cessRate: '12', cessPerUnit: '2.5' });
  });
});

describe('fieldOf: the new blocks', () => {
  it.each([
    ['ShipDtls.Gstin', 'shipTo.gstin'],
    ['ShipDtls.LglNm', 'shipTo.name'],
    ['ShipDtls.Addr1', 'shipTo.address1'],
    ['ShipDtls.Addr2', 'shipTo.address2'],
    ['ShipDtls.Loc', 'shipTo.location'],
    ['ShipDtls.Pin', 'shipTo.pin'],
    ['ShipDtls.Stcd', 'shipTo.state'],
    ['ShipDtls', 'shipTo'],
    ['DispDtls.Nm', 'dispatch.name'],
    ['DispDtls.Addr2', 'dispatch.address2'],
    ['DispDtls.Pin', 'dispatch.pin'],
    ['DispDtls.Stcd', 'dispatch.state'],
    ['DispDtls', 'dispatch'],
    ['RefDtls.PrecDocDtls', 'original'],
    ['RefDtls.PrecDocDtls[0].InvNo', 'original.0.number'],
    ['RefDtls.PrecDocDtls[1].InvDt', 'original.1.date'],
    ['ItemList[3].CesRt', 'lines.3.cessRate'],
    ['ItemList[3].CesAmt', 'lines.3.cessRate'],
    ['ItemList[0].CesNonAdvlAmt', 'lines.0.cessPerUnit'],
    ['ItemList[0].StateCesAmt', 'lines.0.row'],
  ])('%s → %s', (path, field) => {
    expect(fieldOf(path)).toBe(field);
  });

  it('places every violation the rules find in these blocks at a field of the block', () => {
    const f = filledForm();
    const broken: EditorForm = {
      ...f,
      shipTo: { ...f.shipTo, name: 'X', pin: '110001' },
      dispatch: { ...f.dispatch, location: '', state: '99x' },
      originals: [{ number: '', date: '31/02/2026' }],
    };
    const report = validateInvoice(buildPayload(toDraft(broken, business).draft), { profile: 'sandbox', today: '2026-06-15' });
    const where = [...report.errors, ...report.warnings].map((v) => `${v.code} ${fieldOf(v.path)}`);
    expect(where).toEqual(expect.arrayContaining([
      '5002 shipTo.name',
      '5002 dispatch.location',
      '2200 dispatch.state',
      '5002 original.0.number',
      '5002 original.0.date',
    ]));
    // block rules run once the block's shape is valid: a Delhi PIN for Gujarat, ship-to state ≠ POS
    const shaped = { ...f, shipTo: { ...f.shipTo, pin: '110001' } };
    const second = validateInvoice(buildPayload(toDraft(shaped, business).draft), { profile: 'sandbox', today: '2026-06-15' });
    expect(second.errors.map((v) => `${v.code} ${fieldOf(v.path)}`)).toEqual(['3039 shipTo.pin']);
    expect(second.warnings.map((v) => `${v.code} ${fieldOf(v.path)}`)).toContain('2245 shipTo.state');
  });

  it('warns (2191) at the original-invoice block when a note has no reference', () => {
    const report = validateInvoice(buildPayload(toDraft({ ...filledForm(), originals: [{ number: '', date: '' }] }, business).draft), { profile: 'sandbox', today: '2026-06-15' });
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((v) => `${v.code} ${fieldOf(v.path)}`)).toContain('2191 original');
  });
});

describe('fromDraft of half-typed blocks', () => {
  it('opens a saved ship-to/dispatch block with members missing as empty fields', () => {
    const { draft } = toDraft(filledForm(), business);
    const half = { ...draft, shipTo: { LglNm: 'Godown' }, dispatch: {} } as unknown as DraftInvoice;
    const form = fromDraft(9, 1, half);
    expect(form.shipTo).toEqual({ gstin: '', name: 'Godown', address1: '', address2: '', location: '', pin: '', state: '' });
    expect(form.dispatch.name).toBe('');
    // and it goes back as a block the rules can report on, not a crash
    expect(toDraft(form, business).draft.dispatch).toEqual({ Nm: '', Addr1: '', Loc: '', Pin: 0, Stcd: '' });
  });
});
