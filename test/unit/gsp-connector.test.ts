/**
 * The GSP connector's pure parts: every preset fits the description schema, answers are read the
 * way each GSP writes them (NIC codes in lists, in strings, in prose), templates keep types and
 * drop empties, and Masters India's schema maps to and from INV-01 without loss.
 */
import { describe, expect, it } from 'vitest';
import { parseCodeText, readAnswer } from '../../electron/irp/gsp/answer';
import { GspConfigSchema } from '../../electron/irp/gsp/config';
import { fromMastersIndia, MappingError, toMastersIndia } from '../../electron/irp/gsp/mastersindia-map';
import { PRESET_IDS, PRESETS } from '../../electron/irp/gsp/presets';
import { getPath, renderRecord, renderValue } from '../../electron/irp/gsp/template';
import { BUYER_MH, validInvoice } from '../support/invoices';

describe('GSP presets', () => {
  it('has the eight documented presets, each a valid description that registers invoices', () => {
    expect([...PRESET_IDS]).toEqual(['adaequare', 'taxpro', 'mastergst', 'cleartax-gsp', 'cleartax-asp', 'vayana', 'vayana-eas', 'mastersindia']);
    for (const id of PRESET_IDS) {
      expect(GspConfigSchema.safeParse(PRESETS[id]).success, id).toBe(true);
      expect(PRESETS[id].operations.generate, id).toBeDefined();
    }
    // pass-through GSPs leave NIC's client headers to the GSP; their auth is NIC's own
    expect(PRESETS['cleartax-gsp'].auth).toMatchObject({ kind: 'nic', sendsClient: false });
    expect(PRESETS.adaequare.notes.join(' ')).toContain('[inferred]');
  });

  it('refuses a description that cannot register or says nothing about its answers', () => {
    const r = GspConfigSchema.safeParse({ ...PRESETS.adaequare, operations: {}, response: undefined });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['operations.generate', 'response']));
  });
});

describe('reading answers', () => {
  it('splits Adaequare\'s "CODE : text, CODE : text" prose into NIC codes', () => {
    expect(parseCodeText('2174 : For inter-state transaction, CGST and SGST amounts are not applicable, 3095 : Supplier GSTIN is inactive')).toEqual([
      { code: '2174', message: 'For inter-state transaction, CGST and SGST amounts are not applicable' },
      { code: '3095', message: 'Supplier GSTIN is inactive' },
    ]);
    expect(parseCodeText('GSPGSTDOWN : GST System is down')).toEqual([]);
  });

  it('reads NIC\'s list from MasterGST\'s status_desc string, its own words as a GSP failure', () => {
    const cfg = PRESETS.mastergst;
    const nic = readAnswer(cfg, cfg.response!, 200, JSON.stringify({ status_cd: '0', status_desc: JSON.stringify([{ ErrorCode: '2150', ErrorMessage: 'Duplicate IRN' }]) }));
    expect(nic).toMatchObject({ ok: false, errors: [{ code: '2150', message: 'Duplicate IRN' }] });
    expect(nic?.gsp).toBeUndefined();
    const own = readAnswer(cfg, cfg.response!, 200, JSON.stringify({ status_cd: '0', status_desc: 'Insufficient credit balance: please recharge' }));
    expect(own?.gsp).toMatchObject({ meaning: 'quota' });
  });

  it('takes Adaequare\'s duplicate from result[0].Desc and Vayana\'s NIC codes from a 502', () => {
    const irn = 'a'.repeat(64);
    const adq = readAnswer(PRESETS.adaequare, PRESETS.adaequare.response!, 200, JSON.stringify({ success: 'false', message: '2150 : Duplicate IRN', result: [{ InfCd: 'DUPIRN', Desc: { AckNo: 112010000000001, AckDt: '2026-01-01 10:00:00', Irn: irn } }] }));
    expect(adq).toMatchObject({ ok: false, errors: [{ code: '2150' }], duplicate: { irn, ackNo: 112010000000001 } });
    const eas = readAnswer(PRESETS['vayana-eas'], PRESETS['vayana-eas'].response!, 502, JSON.stringify({ status: '0', error: { message: 'err-irp-returned-error', args: { details: [{ ErrorCode: '2176', ErrorMessage: 'HSN code(s)-10069999 is invalid' }] } } }));
    expect(eas).toMatchObject({ ok: false, errors: [{ code: '2176' }] });
    expect(eas?.gsp).toBeUndefined();
    const gw = readAnswer(PRESETS.taxpro, PRESETS.taxpro.response!, 200, JSON.stringify({ status_cd: '0', error: { error_cd: 'GSP752', message: 'AuthToken not found' } }));
    expect(gw?.gsp).toMatchObject({ meaning: 'reauth', code: 'GSP752' });
  });
});

describe('templates', () => {
  it('keeps a value\'s type for a lone placeholder, interpolates text, and drops what is absent', () => {
    const vars = { ewbNo: 131000000001, reason: '2', user: 'u1', irn: undefined };
    expect(renderValue({ ewbNo: '{ewbNo}', rsn: '{reason}', who: 'user={user}', irn: '{irn}', list: ['{irn}', 'x'] }, vars)).toEqual({ ewbNo: 131000000001, rsn: '2', who: 'user=u1', list: ['x'] });
    expect(renderRecord({ user_name: '{user}', branch: '{field.branch}' }, vars)).toEqual({ user_name: 'u1' });
    expect(getPath([{ govt_response: { success: 'Y' } }], '[0].Govt_Response.Success')).toBe('Y');
  });
});

describe('Masters India mapping', () => {
  it('maps an INV-01 invoice out and back to the same invoice', () => {
    const inv = validInvoice({ buyer: BUYER_MH });
    const mi = toMastersIndia(inv);
    expect(mi).toHaveProperty('seller_details.legal_name', inv.SellerDtls.LglNm);
    expect(mi).toHaveProperty('item_list.0.hsn_code', inv.ItemList[0]!.HsnCd);
    expect(mi).toHaveProperty('value_details.total_invoice_value', inv.ValDtls.TotInvVal);
    expect(fromMastersIndia({ ...mi, access_token: 't', user_gstin: inv.SellerDtls.Gstin })).toEqual(JSON.parse(JSON.stringify(inv)));
  });

  it('refuses a field it cannot carry rather than dropping it', () => {
    const inv = validInvoice();
    expect(() => toMastersIndia({ ...inv, SellerDtls: { ...inv.SellerDtls, Fax: '1' } })).toThrow(MappingError);
    expect(() => toMastersIndia({ ...inv, SellerDtls: { ...inv.SellerDtls, Fax: '1' } })).toThrow(/SellerDtls.Fax has no Masters India field/);
  });
});
