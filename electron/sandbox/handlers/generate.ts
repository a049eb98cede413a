/**
 * POST /eicore/v1.03/Invoice (irp-protocol.md §4.1, §13.5): decrypt, validate with the core rules
 * (every error at once), duplicate check (2150 + DUPIRN; a cancelled number is never registered
 * again), AckNo/AckDt, SignedInvoice + SignedQRCode, optional e-way bill from EwbDtls (EWBERR /
 * EWBPPD), one committed transaction, then the reply.
 */
import { formatIstDateTime, istDateOf } from '../../../shared/dates';
import { irnOfInvoice } from '../../../shared/einvoice/irn';
import type { Invoice } from '../../../shared/einvoice/schema';
import { validateInvoice } from '../../../shared/einvoice/validate';
import { accountByGstin } from '../accounts';
import { signJws } from '../crypto';
import { ISSUER, type IrpContext, type IrpRequest, type Reply } from '../context';
import { err, irpFailure, irpSuccess, type InfoDetail, type IrpError } from '../envelope';
import { planEwayBill } from '../ewb-rules';
import { toPlain, writeNode, type JNode } from '../lexjson';
import { signedInvoiceData, signedQrData } from '../signed';
import type { EwayBill, Registration } from '../store';
import { toTaxpayerInfo } from '../taxpayers';
import { decryptBody, gate } from './gate';
import { registrationData } from './fetch';

function ownerErrors(inv: Record<string, unknown>, actingGstin: string): IrpError[] {
  const seller = (inv.SellerDtls as { Gstin?: unknown } | undefined)?.Gstin;
  const ecm = (inv.TranDtls as { EcmGstin?: unknown } | undefined)?.EcmGstin;
  if (typeof seller !== 'string' || seller === actingGstin) return [];
  if (typeof ecm === 'string' && ecm === actingGstin) return [];
  return [err('2143', `Invoice does not belongs to the user GSTIN: the seller GSTIN ${seller} is not the authenticated GSTIN ${actingGstin}`)];
}

function duplicate(existing: Registration): Generated {
  const info: InfoDetail[] = [{ InfCd: 'DUPIRN', Desc: { AckNo: existing.ackNo, AckDt: existing.ackDt, Irn: existing.irn } }];
  if (existing.status === 'CNL') {
    return { ok: false, errors: [err('2278', 'IRN is already generated and is cancelled for this Document number')], info };
  }
  return { ok: false, errors: [err('2150', 'Duplicate IRN')], info };
}

/** The outcome of one generate: a committed registration, or the IRP's refusal. */
export type Generated =
  | { ok: true; reg: Registration; ewb?: EwayBill; info: InfoDetail[] }
  | { ok: false; errors: IrpError[]; info?: InfoDetail[] };

export function handleGenerate(req: IrpRequest, ctx: IrpContext): Reply {
  const g = gate(req, ctx);
  if (!g.ok) return irpFailure(g.errors);
  const { session } = g;
  const body = decryptBody(req, session);
  if (!body.ok) return irpFailure(body.errors);
  const r = generateFromNode(ctx, body.node, session.gstin);
  if (!r.ok) return irpFailure(r.errors, r.info ?? null);
  return { ...irpSuccess(session.token.sek, registrationData(r.reg, r.ewb), r.info.length > 0 ? r.info : null), committed: true };
}

/**
 * Generate after authentication and decryption: the one logic behind the API (handleGenerate)
 * and the portal stand-in's bulk upload (sandbox/portal), so both register, sign and refuse alike.
 * `actingGstin` is the authenticated (or logged-in) GSTIN.
 */
export function generateFromNode(ctx: IrpContext, node: JNode, actingGstin: string): Generated {
  const plain = toPlain(node);
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [err('5002', 'Application error: the invoice must be a JSON object')] };
  }
  const now = ctx.clock.now();
  const today = istDateOf(now);
  const sellerGstin = (plain as { SellerDtls?: { Gstin?: unknown } }).SellerDtls?.Gstin;
  const report = validateInvoice(plain, {
    profile: 'sandbox',
    today,
    hsn: ctx.hsn,
    taxpayers: (gstin) => {
      const t = ctx.taxpayer(gstin);
      return t ? toTaxpayerInfo(t) : undefined;
    },
    seller: { aatoCrore: typeof sellerGstin === 'string' ? accountByGstin(sellerGstin)?.aatoCrore : undefined },
  });
  const errors = [...ownerErrors(plain as Record<string, unknown>, actingGstin), ...report.errors.map((v) => err(v.code, v.message))];
  const no = (plain as { DocDtls?: { No?: unknown } }).DocDtls?.No;
  const docNo = typeof no === 'string' || typeof no === 'number' ? String(no) : '';
  if (errors.length > 0) {
    ctx.stats.generate(docNo, 'refused');
    return { ok: false, errors };
  }

  const inv = plain as Invoice;
  const irn = irnOfInvoice(inv, today);
  if (!irn) {
    ctx.stats.generate(docNo, 'refused');
    return { ok: false, errors: [err('2144', 'Document date should be in the format (dd/MM/yyyy)')] };
  }
  const existing = ctx.store.registration(irn);
  if (existing) {
    ctx.stats.generate(docNo, existing.status === 'CNL' ? 'refused' : 'duplicate');
    return duplicate(existing);
  }

  const ackDt = formatIstDateTime(now);
  const info: InfoDetail[] = [];
  let ewb: EwayBill | undefined;
  if (inv.EwbDtls) {
    const outcome = planEwayBill(inv, inv.EwbDtls, now, (x) => ctx.taxpayer(x));
    if (!outcome.ok) {
      info.push({ InfCd: 'EWBERR', Desc: outcome.errors.map((e) => ({ ErrorCode: e.code, ErrorMessage: e.message })) });
    } else {
      if (outcome.plan.computed) info.push({ InfCd: 'EWBPPD', Desc: `Pin-Pin calc distance: ${outcome.plan.distance}KM` });
      ewb = {
        ewbNo: ctx.nextEwbNo(), irn, gstin: inv.SellerDtls.Gstin, ewbDt: ackDt, ewbAt: now.toISOString(),
        validTill: outcome.plan.validTill, status: 'ACT', distance: outcome.plan.distance, cancelDt: null,
      };
    }
  }
  const ackNo = ctx.nextAckNo(now);
  const reg: Registration = {
    irn,
    gstin: inv.SellerDtls.Gstin,
    ecmGstin: inv.TranDtls.EcmGstin ?? null,
    docType: inv.DocDtls.Typ.toUpperCase(),
    docNo: inv.DocDtls.No,
    docDate: inv.DocDtls.Dt,
    ackNo,
    ackDt,
    ackAt: now.toISOString(),
    status: 'ACT',
    cancelDt: null,
    signedInvoice: signJws(ctx.keys, signedInvoiceData(node, ackNo, ackDt, irn), ISSUER),
    signedQrCode: signJws(ctx.keys, signedQrData(node, inv, irn, ackDt), ISSUER),
    invoiceJson: writeNode(node),
  };
  ctx.store.insertRegistration(reg, ewb);
  ctx.stats.generate(docNo, 'registered');
  ctx.log(`registered ${irn} ackNo=${ackNo} gstin=${reg.gstin} ${reg.docType} ${reg.docNo}${ewb ? ` ewb=${ewb.ewbNo}` : ''}`);
  return { ok: true, reg, ...(ewb ? { ewb } : {}), info };
}
