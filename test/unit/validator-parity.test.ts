/**
 * Issue 17: "the editor runs exactly the rules `einvoice validate` runs". Every case the validator
 * has (test/support/validator-cases.ts: the NIC fixtures, the support invoices, the rules tests'
 * cases) goes through
 * - the editor's path: the HSN master rebuilt from `masters:hsnCodes` (what the page loads) and
 *   shared/einvoice/check.ts with the business's facts, as editor-checks.ts calls it;
 * - the CLI's path: `einvoice validate FILE --json` with the same facts as flags;
 * and both must give the same errors and warnings (code and path), including the codes each case
 * is known to raise. The editor's form round trip (fromDraft → toDraft → buildPayload) is checked
 * on the draft-built cases too: what the editor sends is what it checked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { deskHandlers } from '../../electron/app/handlers/desk.handlers';
import type { HandlerContext } from '../../electron/app/handlers/table';
import { loadHsnMaster } from '../../electron/app/masters';
import { runCli } from '../../electron/cli/main';
import { buildPayload } from '../../shared/einvoice/compute';
import { checkInvoice, type CheckSetup } from '../../shared/einvoice/check';
import { hsnMasterFromCodes } from '../../shared/gst/hsn';
import type { Violation } from '../../shared/einvoice/violations';
import { fromDraft, toDraft, sellerOf } from '../../renderer/src/stores/editor.model';
import { BUYER_MH, draft } from '../support/invoices';
import { VALIDATOR_CASES } from '../support/validator-cases';

const dir = mkdtempSync(join(tmpdir(), 'validator-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The codes the page gets, through the handler the page calls. */
async function editorHsn() {
  const ctx = { core: { hsn: loadHsnMaster() } } as unknown as HandlerContext;
  const { codes } = await deskHandlers['masters:hsnCodes']({}, ctx);
  return hsnMasterFromCodes(codes.split(','));
}

async function cli(invoice: unknown, setup: CheckSetup, name: string): Promise<{ errors: Violation[]; warnings: Violation[] }> {
  const file = join(dir, `${name.replace(/[^\w]+/g, '_')}.json`);
  writeFileSync(file, JSON.stringify(invoice));
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: () => undefined, stdin: new PassThrough(), env: {}, now: () => new Date(`${setup.today}T06:00:00Z`) };
  const args = ['validate', file, '--json', '--profile', setup.profile, '--today', setup.today];
  if (setup.aatoCrore !== undefined) args.push('--aato-crore', String(setup.aatoCrore));
  if (setup.einvoiceStartDate) args.push('--einvoice-start', setup.einvoiceStartDate);
  await runCli(args, io);
  return JSON.parse(out[0] ?? '{}') as { errors: Violation[]; warnings: Violation[] };
}

const pairs = (vs: Violation[]) => vs.map((v) => `${v.code} ${v.path}`);

describe('the editor and `einvoice validate` give the same codes', () => {
  it('the editor rebuilds the same HSN master as the CLI loads', async () => {
    const master = await editorHsn();
    const full = loadHsnMaster();
    expect(master.size).toBe(full.size);
    expect(master.size).toBeGreaterThan(18_000);
    for (const code of ['1006', '10063020', '998311', '22029920']) expect(master.has(code)).toBe(true);
    expect(master.has('10069999')).toBe(false);
  });

  it.each(VALIDATOR_CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const hsn = await editorHsn();
    const editor = checkInvoice(c.invoice, c.setup, hsn);
    const fromCli = await cli(c.invoice, c.setup, name);
    expect(pairs(editor.errors)).toEqual(pairs(fromCli.errors));
    expect(pairs(editor.warnings)).toEqual(pairs(fromCli.warnings));
    for (const code of c.errors) expect(editor.errors.map((e) => e.code)).toContain(code);
    if (c.errors.length === 0) expect(editor.errors).toEqual([]);
  });

  it('the editor form round trip sends what it checked (bad check digit, 4-digit HSN at ₹8 Cr)', async () => {
    const hsn = await editorHsn();
    const setup: CheckSetup = { profile: 'sandbox', today: '2026-11-21', aatoCrore: 8 };
    const d = draft({ buyer: { ...BUYER_MH, Gstin: '27AAPFU0939F1ZW' } });
    d.lines[0] = { ...d.lines[0]!, hsn: '1006' };
    const business = { id: 1, gstin: d.seller.Gstin, legalName: d.seller.LglNm, ...(d.seller.TrdNm ? { tradeName: d.seller.TrdNm } : {}), address1: d.seller.Addr1, location: d.seller.Loc, pin: d.seller.Pin, stateCode: d.seller.Stcd, hasLogo: false, createdAt: '', updatedAt: '' };
    const form = fromDraft(1, 1, d);
    const { draft: back, problems } = toDraft(form, business);
    expect(problems).toEqual([]);
    expect(back.seller).toEqual(sellerOf(business));
    const payload = buildPayload(back);
    const editor = checkInvoice(payload, setup, hsn);
    const fromCli = await cli(payload, setup, 'form-round-trip');
    expect(pairs(editor.errors)).toEqual(['3028 BuyerDtls.Gstin', '2199 ItemList[0].HsnCd']);
    expect(pairs(fromCli.errors)).toEqual(pairs(editor.errors));
  });
});
