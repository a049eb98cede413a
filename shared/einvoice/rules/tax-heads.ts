/** Which taxes apply: CGST+SGST inside a state, IGST across states, exports and SEZ (§6.2). */
import { isAllowedGstRate, GST_RATES } from '../../gst/rates';
import { stateName } from '../../gst/states';
import type { Findings } from '../violations';
import { percentOf } from './arithmetic';
import type { RuleContext } from './context';

const item = (i: number, field: string) => `ItemList[${i}].${field}`;

/** 2172: intra-state supplies carry CGST+SGST, never IGST. */
export function noIgstOnIntraState(ctx: RuleContext, out: Findings): void {
  if (!ctx.intra) return;
  ctx.itemPaise.forEach((m, i) => {
    if (m.igst > 0) {
      out.error('2172', item(i, 'IgstAmt'), `For intra state transaction IGST Amounts are not applicable for item - ${ctx.items[i]?.SlNo ?? i + 1}, Only Cgst and Sgst Amounts are applicable (seller state ${ctx.sellerState} = place of supply ${ctx.pos})`);
    }
  });
}

/**
 * 2241: a taxed intra-state invoice line needs its CGST and SGST. Only when the tax due is at
 * least ₹1: a few paise at 0.1 % legitimately round to zero.
 */
export function cgstSgstRequiredIntraState(ctx: RuleContext, out: Findings): void {
  if (!ctx.intra || ctx.isNote) return;
  ctx.items.forEach((it, i) => {
    const m = ctx.itemPaise[i];
    if (m && m.cgst === 0 && m.sgst === 0 && percentOf(m.ass, it.GstRt, true) >= 100) {
      out.error('2241', item(i, 'CgstAmt'), `CGST and SGST amounts with HSN${it.HsnCd} are required for intra state transaction`);
    }
  });
}

/** 2174 / 2180 / 2237: CGST and SGST are not allowed across states, on exports or to SEZ. */
export function noCgstSgstOutsideIntraState(ctx: RuleContext, out: Findings): void {
  if (ctx.intra) return;
  ctx.itemPaise.forEach((m, i) => {
    if (m.cgst === 0 && m.sgst === 0) return;
    const slNo = ctx.items[i]?.SlNo ?? String(i + 1);
    const hsn = ctx.items[i]?.HsnCd ?? '';
    const path = item(i, m.cgst > 0 ? 'CgstAmt' : 'SgstAmt');
    if (ctx.isExport) out.error('2180', path, `For export transaction CGST and SGST Amounts are not allowed for item -${slNo}; charge IGST`);
    else if (ctx.isSez) out.error('2237', path, `The recipient tax payer is of type SEZ, CGST and SGST Amounts are not allowed for HSN -${hsn}; charge IGST`);
    else out.error('2174', path, `For inter state transaction, CGST and SGST Amounts are not applicable for item - ${slNo}, only Igst Amounts are Applicable (seller state ${stateName(ctx.sellerState) ?? ctx.sellerState}, place of supply ${stateName(ctx.pos) ?? ctx.pos})`);
  });
}

/** 2227: CGST and SGST are always equal halves. */
export function cgstEqualsSgst(ctx: RuleContext, out: Findings): void {
  ctx.itemPaise.forEach((m, i) => {
    if (m.cgst !== m.sgst) {
      out.error('2227', item(i, 'SgstAmt'), `SGST and CGST Amounts should be equal for HSN - ${ctx.items[i]?.HsnCd ?? ''} (CGST ${m.cgst / 100}, SGST ${m.sgst / 100})`);
    }
  });
}

/** 2262: IGST on an intra-state supply needs the seller's state to be the place of supply. */
export function igstOnIntraNeedsSameState(ctx: RuleContext, out: Findings): void {
  if (ctx.igstOnIntra && ctx.sellerState !== ctx.pos) {
    out.error('2262', 'TranDtls.IgstOnIntra', `Supplier statecode and POS should be same for intra state supply but chargeable to IGST (seller ${ctx.sellerState}, place of supply ${ctx.pos})`);
  }
}

/** 2249: no mix of goods and services on an inter-state supply whose POS is the seller's state. */
export function noGoodsServicesMixOnIgstOnIntra(ctx: RuleContext, out: Findings): void {
  if (!ctx.igstOnIntra || ctx.sellerState !== ctx.pos) return;
  const kinds = new Set(ctx.items.map((it) => it.IsServc));
  if (kinds.size > 1) {
    out.error('2249', 'ItemList', 'Combination of goods and service items are not allowed for inter state transaction with POS same as the supplier state');
  }
}

/** 2240: GstRt must be a notified rate. */
export function gstRateAllowed(ctx: RuleContext, out: Findings): void {
  const allowed = ctx.opts.gstRates ?? GST_RATES;
  ctx.items.forEach((it, i) => {
    if (!isAllowedGstRate(it.GstRt, allowed)) {
      out.error('2240', item(i, 'GstRt'), `Invalid GST rate for HSN -${it.HsnCd}: ${it.GstRt}% is not a notified rate`);
    }
  });
}
