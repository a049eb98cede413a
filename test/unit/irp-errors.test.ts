import { describe, expect, it } from 'vitest';
import { errorFromDetails, factsFor } from '../../electron/irp/error-codes';
import { IrpError } from '../../electron/irp/errors';

const DUP = { irn: '706daeccda0ef6f818da78f3a2a05a1288731057373002289b46c3229289a2e7', ackNo: 232210036743849, ackDt: '2023-10-02 16:26:00' };

describe('IRP error mapping (§8)', () => {
  it('2150 leads, carries the duplicate and the shared hint', () => {
    const e = errorFromDetails([{ code: '2189', message: 'Invalid total Invoice Value' }, { code: '2150', message: 'Duplicate IRN' }], DUP);
    expect(e).toBeInstanceOf(IrpError);
    expect(e.kind).toBe('business');
    expect(e.code).toBe('2150');
    expect(e.duplicate).toEqual(DUP);
    expect(e.retriable).toBe(false);
    expect(e.ambiguous).toBe(false);
    expect(e.hint).toMatch(/already registered/);
    expect(e.details).toHaveLength(2);
    expect(e.message).toMatch(/already registered.*\(and 1 more error\)/);
  });

  it('keeps NIC\'s specific text and sets the field path for item codes', () => {
    const e = errorFromDetails([{ code: '2176', message: 'Invalid HSN code(s)-99999999' }]);
    expect(e.message).toBe('Invalid HSN code(s)-99999999');
    expect(e.path).toBe('ItemList[].HsnCd');
    expect(e.hint).toMatch(/HSN/);
    expect(errorFromDetails([{ code: '2189', message: 'Invalid total Invoice Value' }]).path).toBe('ValDtls.TotInvVal');
    expect(errorFromDetails([{ code: '4019', message: 'Provide Transporter ID' }]).path).toBe('TransId');
  });

  it('finds the field in schema (5002) messages', () => {
    const e = errorFromDetails([{ code: '5002', message: "The field document number must match the regular expression '^([a-zA-Z1-9]{1}[a-zA-Z0-9/-]{0,15})$'" }]);
    expect(e.path).toBe('DocDtls.No');
    expect(e.kind).toBe('business');
  });

  it('auth codes are kind auth with plain messages', () => {
    for (const code of ['1004', '1005', '1008', '1010', '1013', '1015', '1017', '1019']) {
      const e = errorFromDetails([{ code, message: 'x' }]);
      expect(e.kind, code).toBe('auth');
      expect(e.message, code).not.toBe('x');
      expect(e.hint, code).toBeTruthy();
      expect(e.retriable, code).toBe(false);
    }
    expect(errorFromDetails([{ code: '1013', message: 'Decryption of password failed' }]).hint).toMatch(/encryption public key/);
  });

  it('"try later" codes are retriable outages', () => {
    for (const code of ['2146', '2147', '3043', '5001']) {
      const e = errorFromDetails([{ code, message: 'x' }]);
      expect(e.kind, code).toBe('down');
      expect(e.retriable, code).toBe(true);
    }
  });

  it('vital IRN codes have plain messages', () => {
    expect(errorFromDetails([{ code: '2270', message: '' }]).message).toMatch(/24 hours/);
    expect(errorFromDetails([{ code: '2230', message: 'x' }]).hint).toMatch(/Cancel the e-way bill first/);
    expect(errorFromDetails([{ code: '9999', message: 'Invoice is not active' }]).message).toMatch(/already cancelled/);
    expect(errorFromDetails([{ code: '2283', message: 'x' }]).hint).toMatch(/ledger/);
    expect(errorFromDetails([{ code: '2148', message: 'x' }]).message).toMatch(/other IRP/);
    expect(factsFor('3029').hint).toMatch(/sync/i);
  });

  it('unknown codes pass through verbatim', () => {
    const e = errorFromDetails([{ code: '7777', message: 'Something new from NIC' }]);
    expect(e.code).toBe('7777');
    expect(e.message).toBe('Something new from NIC');
    expect(e.kind).toBe('business');
    expect(e.path).toBeUndefined();
    expect(e.hint).toBeUndefined();
  });

  it('Status 0 without details is a protocol error, unless a DUPIRN says it is a duplicate', () => {
    expect(errorFromDetails([]).kind).toBe('protocol');
    const dup = errorFromDetails([], DUP);
    expect([dup.kind, dup.code, dup.duplicate]).toEqual(['business', '2150', DUP]);
  });

  it('serialises without the cause and converts to the app\'s violation shape', () => {
    const e = new IrpError({ kind: 'transport', code: 'X', message: 'm', cause: new Error('socket internals') });
    expect(JSON.stringify(e)).not.toContain('socket internals');
    expect(errorFromDetails([{ code: '2176', message: 'Invalid HSN code(s)-1' }]).toViolation()).toEqual({ code: '2176', path: 'ItemList[].HsnCd', message: 'Invalid HSN code(s)-1' });
  });
});
