/**
 * Generate, get and cancel scenarios (irp-protocol.md §4.1-§4.4, §4.6, §6, §8.2): the invoice
 * mistakes NIC's onboarding tests, the duplicate with its details, and the 24-hour cancel rule
 * (the practice IRP's clock is moved through its admin API rather than waiting).
 */
import { formatDocDate } from '../../../shared/dates';
import { irnOfInvoice } from '../../../shared/einvoice/irn';
import { aesEncrypt } from '../../irp';
import { envelopeCodes, expectError, expectOk, type Scenario } from './scenario';
import type { ScenarioKit } from './kit';

const GEN = 'Generate IRN';
const GET = 'Get IRN';
const CANCEL = 'Cancel IRN';

const VERIFIED = 'verified SignedInvoice and SignedQRCode with the signing certificate (both name this IRN)';

async function moveClock(kit: ScenarioKit, minutes: number): Promise<void> {
  await kit.admin('POST', 'clock', { advanceMinutes: minutes });
}

export const GENERATE_SCENARIOS: Scenario[] = [
  {
    id: 'generate-ok', api: GEN, title: 'Register a valid invoice',
    expected: 'Status 1: AckNo (15 digits), AckDt, Irn = SHA-256 of GSTIN + FY + type + number, SignedInvoice, SignedQRCode, Status ACT',
    spec: '§4.1, §6.4, §7 [H]',
    async run(kit) {
      const inv = await kit.invoice();
      const local = irnOfInvoice(inv, await kit.today());
      return expectOk(() => kit.client().generateIrn(inv), (r) => ({
        pass: r.irn === local && /^\d{15}$/.test(String(r.ackNo)) && r.status === 'ACT',
        actual: `Status 1: IRN ${r.irn.slice(0, 16)}… (${r.irn === local ? 'equals' : 'DIFFERS from'} the IRN computed here), AckNo ${r.ackNo}, AckDt ${r.ackDt}, Status ${r.status}`,
        clientAction: VERIFIED,
      }));
    },
  },
  {
    id: 'generate-missing-fields', api: GEN, title: 'Mandatory fields missing (BuyerDtls, DocDtls.No)',
    expected: 'Status 0 with every field error at once (schema errors, code 5002)', spec: '§6, §8.2 schema messages [M: code]',
    async run(kit) {
      const inv = (await kit.invoice()) as unknown as Record<string, unknown>;
      const { BuyerDtls: _gone, ...rest } = inv;
      const broken = { ...rest, DocDtls: { ...(inv.DocDtls as object), No: undefined } };
      return expectError(() => kit.client().generateIrn(broken), ['5002'], (e) => (e.details ?? []).length >= 2 && (e.details ?? []).every((d) => d.code === '5002'));
    },
  },
  {
    id: 'generate-invalid-gstin', api: GEN, title: 'Invalid buyer GSTIN',
    expected: 'Status 0, 3028 GSTIN is invalid', spec: '§6.5, §8.1 [M]',
    async run(kit) {
      const inv = await kit.invoice();
      const gstin = `${inv.BuyerDtls.Gstin.slice(0, 14)}${inv.BuyerDtls.Gstin.endsWith('X') ? 'Y' : 'X'}`;
      return expectError(() => kit.client().generateIrn({ ...inv, BuyerDtls: { ...inv.BuyerDtls, Gstin: gstin } }), ['3028']);
    },
  },
  {
    id: 'generate-duplicate', api: GEN, title: 'The same invoice sent twice',
    expected: 'Status 0, 2150 Duplicate IRN, with InfoDtls DUPIRN {AckNo, AckDt, Irn} of the first registration', spec: '§3.1, §4.1 [H]',
    async run(kit) {
      const first = await kit.registered();
      return expectError(() => kit.client().generateIrn(first.invoice), ['2150'], (e) => e.duplicate?.irn === first.irn && e.duplicate.ackNo === first.ackNo && e.duplicate.ackDt === first.ackDt);
    },
  },
  {
    id: 'generate-other-seller', api: GEN, title: 'Seller GSTIN is not the signed-in GSTIN',
    expected: 'Status 0, 2143 Invoice does not belongs to the user GSTIN', spec: '§6.5, §8.2 [M]',
    async run(kit) {
      const inv = await kit.invoice();
      const other = kit.account('practice_tn').gstin;
      return expectError(() => kit.client().generateIrn({ ...inv, SellerDtls: { ...inv.SellerDtls, Gstin: other, Stcd: other.slice(0, 2), Loc: 'Chennai', Pin: 600001 } }), ['2143']);
    },
  },
  {
    id: 'generate-future-date', api: GEN, title: 'Document dated in the future',
    expected: 'Status 0, 2163 The document date should not be future date', spec: '§6.3 [H]',
    async run(kit) {
      const inv = await kit.invoice();
      const next = new Date(`${await kit.today()}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 3);
      return expectError(() => kit.client().generateIrn({ ...inv, DocDtls: { ...inv.DocDtls, Dt: formatDocDate(next.toISOString().slice(0, 10)) } }), ['2163']);
    },
  },
  {
    id: 'generate-wrong-total', api: GEN, title: 'Invoice total that does not add up',
    expected: 'Status 0, 2189 Invalid total Invoice Value', spec: '§6.1 [H]',
    async run(kit) {
      const inv = await kit.invoice();
      return expectError(() => kit.client().generateIrn({ ...inv, ValDtls: { ...inv.ValDtls, TotInvVal: inv.ValDtls.TotInvVal + 500 } }), ['2189']);
    },
  },
  {
    id: 'generate-undecryptable', api: GEN, title: 'Payload encrypted with a wrong SEK',
    expected: 'Status 0 with an application error (NIC\'s exact code is not documented; 5002 here)', spec: '§14 #15 [L]',
    async run(kit) {
      const { authToken } = await kit.session();
      const wrong = aesEncrypt(Buffer.alloc(32, 7), Buffer.from(JSON.stringify(await kit.invoice()))).toString('base64');
      const res = await kit.raw('generate encrypted with another key', { method: 'POST', path: '/eicore/v1.03/Invoice', headers: { ...kit.apiHeaders(kit.seller, authToken), 'Content-Type': 'application/json' }, body: JSON.stringify({ Data: wrong }) });
      const env = envelopeCodes(res.body);
      return { pass: env.status === 0 && env.codes.includes('5002'), actual: env.text, clientAction: 'the client encrypts with the SEK of its current session; sent by hand to see the answer' };
    },
  },
  {
    id: 'generate-ewb-error', api: GEN, title: 'Invoice with EwbDtls the e-way bill system refuses',
    expected: 'Status 1: the IRN is still generated; InfoDtls EWBERR carries 4019 (no transporter for Part-A)', spec: '§3.1, §4.1 [H]',
    async run(kit) {
      const inv = await kit.invoice();
      return expectOk(() => kit.client().generateIrn({ ...inv, EwbDtls: { Distance: 120 } }), (r) => {
        const ewbErr = r.info.find((i) => i.InfCd === 'EWBERR');
        const codes = Array.isArray(ewbErr?.Desc) ? (ewbErr.Desc as Array<{ ErrorCode?: string }>).map((d) => d.ErrorCode) : [];
        return { pass: r.status === 'ACT' && r.ewbNo === null && codes.includes('4019'), actual: `Status 1: IRN ${r.irn.slice(0, 12)}…, EwbNo ${r.ewbNo ?? 'null'}, InfoDtls EWBERR ${codes.join(', ')}`, clientAction: `${VERIFIED}; kept the IRN and reported the e-way bill error separately` };
      });
    },
  },
  {
    id: 'generate-after-cancel', api: GEN, title: 'A cancelled document number sent again',
    expected: 'Status 0: refused, the number can never be used again (2278 reported; DUPIRN names the cancelled IRN)', spec: '§4.4, §6.3 [H rule, L code]',
    async run(kit) {
      const { invoice, irn } = await kit.registered();
      await kit.setup(() => kit.client().cancelIrn(irn, '2', 'Data entry mistake'));
      // the client attaches DUPIRN to 2150 only (a cancelled number cannot be adopted); the answer itself names the IRN
      return expectError(() => kit.client().generateIrn(invoice), ['2278', '2150'], () => kit.exchanges.at(-1)?.response?.body.includes(`"Irn":"${irn}"`) === true);
    },
  },
];

export const GET_SCENARIOS: Scenario[] = [
  {
    id: 'get-by-irn', api: GET, title: 'Get e-invoice by IRN',
    expected: 'Status 1: the same Data as generate (AckNo, AckDt, Irn, SignedInvoice, SignedQRCode, Status)', spec: '§4.2 [H]',
    async run(kit) {
      const reg = await kit.registered();
      return expectOk(() => kit.client().getByIrn(reg.irn), (r) => ({ pass: r.irn === reg.irn && r.ackNo === reg.ackNo, actual: `Status 1: IRN ${r.irn.slice(0, 12)}…, AckNo ${r.ackNo}, Status ${r.status}`, clientAction: VERIFIED }));
    },
  },
  {
    id: 'get-by-irn-unknown', api: GET, title: 'Get by an IRN nobody registered',
    expected: 'Status 0, 2148 Requested IRN data is not available', spec: '§4.2 [H]',
    run: (kit) => expectError(() => kit.client().getByIrn('0123456789abcdef'.repeat(4)), ['2148']),
  },
  {
    id: 'get-by-doc', api: GET, title: 'Get IRN by document details',
    expected: 'Status 1: the registration of that type, number and date (the recovery path after a timeout)', spec: '§4.3 [H]',
    async run(kit) {
      const reg = await kit.registered();
      return expectOk(() => kit.client().getByDocDetails({ docType: 'INV', docNo: reg.invoice.DocDtls.No, docDate: reg.invoice.DocDtls.Dt }), (r) => ({
        pass: r.irn === reg.irn, actual: `Status 1: IRN ${r.irn.slice(0, 12)}…, AckNo ${r.ackNo}`, clientAction: `${VERIFIED}; this is how the engine resolves a registration whose answer was lost`,
      }));
    },
  },
  {
    id: 'get-by-doc-unknown', api: GET, title: 'Get by document details never registered',
    expected: 'Status 0, 2154 IRN details are not found', spec: '§4.3 [H]',
    async run(kit) {
      const inv = await kit.invoice();
      return expectError(() => kit.client().getByDocDetails({ docType: 'INV', docNo: inv.DocDtls.No, docDate: inv.DocDtls.Dt }), ['2154']);
    },
  },
  {
    id: 'get-after-window', api: GET, title: 'Get an IRN older than the retrieval window',
    expected: 'Status 0, 2283 IRN details cannot be provided as it is generated more than 2 days prior', spec: '§4.2 [H code, M window]',
    async run(kit) {
      const reg = await kit.registered();
      await moveClock(kit, 3 * 24 * 60);
      return expectError(() => kit.client().getByIrn(reg.irn), ['2283']);
    },
  },
  {
    id: 'rejected-irns', api: GET, title: 'Rejected IRNs of a date',
    expected: 'Status 1: the list of the caller\'s IRNs marked REJ by the de-duplication registry on that date', spec: '§4.6 [M]',
    async run(kit) {
      const reg = await kit.registered();
      await kit.admin('POST', 'reject', { irn: reg.irn });
      const date = formatDocDate(await kit.today());
      return expectOk(() => kit.client().rejectedIrns(date), (list) => ({ pass: list.includes(reg.irn), actual: `Status 1: ${list.length} IRN(s), including the one marked rejected`, clientAction: 'returned the IRNs; the app marks those invoices rejected' }));
    },
  },
];

export const CANCEL_SCENARIOS: Scenario[] = [
  {
    id: 'cancel-ok', api: CANCEL, title: 'Cancel within 24 hours',
    expected: 'Status 1: {Irn, CancelDate}', spec: '§4.4 [H]',
    async run(kit) {
      const reg = await kit.registered();
      return expectOk(() => kit.client().cancelIrn(reg.irn, '2', 'Data entry mistake'), (r) => ({ pass: r.irn === reg.irn && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.cancelDate), actual: `Status 1: Irn ${r.irn.slice(0, 12)}…, CancelDate ${r.cancelDate}`, clientAction: 'returned the cancel date; the ledger marks the invoice cancelled' }));
    },
  },
  {
    id: 'cancel-twice', api: CANCEL, title: 'Cancel an IRN already cancelled',
    expected: 'Status 0, 9999 Invoice is not active', spec: '§4.4 [H]',
    async run(kit) {
      const reg = await kit.registered();
      await kit.setup(() => kit.client().cancelIrn(reg.irn, '2', 'Data entry mistake'));
      return expectError(() => kit.client().cancelIrn(reg.irn, '2', 'Data entry mistake'), ['9999']);
    },
  },
  {
    id: 'cancel-after-24h', api: CANCEL, title: 'Cancel more than 24 hours after the acknowledgement',
    expected: 'Status 0, 2270: the cancellation time limit is crossed', spec: '§4.4 [H rule, M code]',
    async run(kit) {
      const reg = await kit.registered();
      await moveClock(kit, 24 * 60 + 5);
      return expectError(() => kit.client().cancelIrn(reg.irn, '2', 'Data entry mistake'), ['2270']);
    },
  },
  {
    id: 'cancel-with-ewb', api: CANCEL, title: 'Cancel an IRN that has an active e-way bill',
    expected: 'Status 0, 2230: cancel the e-way bill first', spec: '§4.4 [H]',
    async run(kit) {
      const { irn } = await kit.withEwayBill();
      return expectError(() => kit.client().cancelIrn(irn, '2', 'Data entry mistake'), ['2230']);
    },
  },
];
