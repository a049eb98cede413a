import { describe, expect, it } from 'vitest';
import { AppError, dispatch, HANDLERS, toIpcError, UNEXPECTED_MESSAGE, type HandlerContext, type HandlerTable } from '../../electron/app/handlers';
import { IrpError } from '../../electron/irp';
import { LedgerError } from '../../electron/ledger';
import { CHANNELS, CONTRACT, DraftInvoiceSchema } from '../../shared/ipc/contract';
import { draft } from '../support/invoices';

// dispatch() never touches the core for these cases; a context without one proves it.
const ctx = { core: undefined, emit: () => undefined, practice: true, version: 'test' } as unknown as HandlerContext;

function tableWith(over: Partial<Record<string, (req: unknown) => unknown>>): HandlerTable {
  return { ...HANDLERS, ...over };
}

describe('ipc contract', () => {
  it('names every channel domain:verb (or health) and the table has a handler for each', () => {
    for (const c of CHANNELS) {
      expect(c === 'health' || /^[a-z]+:[a-z][A-Za-z]*$/.test(c), c).toBe(true);
      expect(typeof HANDLERS[c]).toBe('function');
    }
    expect(Object.keys(HANDLERS).sort()).toEqual([...CHANNELS].sort());
  });

  it('accepts the editor draft the tests build and refuses fractional paise', () => {
    expect(DraftInvoiceSchema.safeParse(draft()).success).toBe(true);
    const bad = draft();
    bad.lines[0]!.unitPricePaise = 10.5;
    const r = DraftInvoiceSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['lines', 0, 'unitPricePaise']);
  });

  it('credentials:set has no response field that could carry a secret', () => {
    const shape = CONTRACT['credentials:set'].response.shape;
    expect(Object.keys(shape).sort()).toEqual(['profileName', 'set']);
    expect(Object.keys(CONTRACT['profiles:list'].response.shape.profiles.element.shape)).not.toContain('clientSecret');
  });
});

describe('dispatch', () => {
  it('refuses an unknown channel with a code', async () => {
    const r = await dispatch(HANDLERS, 'ledger:drop', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'There is no channel "ledger:drop".' } });
  });

  it('refuses a bad request before the handler runs, naming the field', async () => {
    let ran = false;
    const table = tableWith({ 'invoices:get': () => ((ran = true), {}) });
    const r = await dispatch(table, 'invoices:get', { id: 'seven' }, ctx);
    expect(ran).toBe(false);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toMatch(/^id: /);
      expect(r.error.details).toEqual([expect.objectContaining({ path: 'id' })]);
    }
  });

  it('rejects unknown keys on empty requests (strict) and passes the parsed request on', async () => {
    expect((await dispatch(HANDLERS, 'health', { extra: 1 }, ctx)).ok).toBe(false);
    const seen: unknown[] = [];
    const table = tableWith({ 'masters:hsnSearch': (req) => (seen.push(req), { entries: [] }) });
    const r = await dispatch(table, 'masters:hsnSearch', { query: 'rice' }, ctx);
    expect(r).toEqual({ ok: true, value: { entries: [] } });
    expect(seen).toEqual([{ query: 'rice' }]);
  });

  it('maps thrown errors to codes and plain messages, never stacks or secrets', async () => {
    const secret = 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    const table = tableWith({ health: () => { throw new Error(`socket hang up with ${secret}\n    at Object.<anonymous> (/x.ts:1:1)`); } });
    const r = await dispatch(table, 'health', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: UNEXPECTED_MESSAGE } });
    expect(JSON.stringify(r)).not.toContain('eyJ');
  });

  it('keeps the IRP code, the ledger code and the app code', () => {
    const irp = new IrpError({ kind: 'business', code: '2150', message: 'Duplicate IRN', hint: 'Fetch its IRN instead.' });
    expect(toIpcError(irp)).toEqual({ code: '2150', message: 'Duplicate IRN Fetch its IRN instead.', details: { kind: 'business', path: '', retriable: false } });
    expect(toIpcError(new LedgerError('INVOICE_LOCKED', 'Invoice 7 is registered.'))).toEqual({ code: 'INVOICE_LOCKED', message: 'Invoice 7 is registered.' });
    expect(toIpcError(new LedgerError('LEDGER_BAD_INPUT', 'pin: must be a 6-digit PIN code', 'pin'))).toEqual({ code: 'LEDGER_BAD_INPUT', message: 'pin: must be a 6-digit PIN code', details: { path: 'pin' } });
    expect(toIpcError(new AppError('NOT_REGISTERED', 'No IRN.\nsecond line'))).toEqual({ code: 'NOT_REGISTERED', message: 'No IRN.' });
  });
});
