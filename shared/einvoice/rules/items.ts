/** Item rules: HSN/SAC, units, quantities, serial numbers (§6.7). */
import { isSacCode } from '../../gst/hsn';
import { isUqc } from '../../gst/units';
import type { Findings } from '../violations';
import type { RuleContext } from './context';

const item = (i: number, field: string) => `ItemList[${i}].${field}`;

/** The date from which AATO ≥ ₹5 Cr suppliers must report 6-digit HSN codes (§6.7). */
export const SIX_DIGIT_HSN_FROM = '2023-12-15';

/** 2233: serial numbers are unique within the invoice. */
export function serialNumbersUnique(ctx: RuleContext, out: Findings): void {
  const seen = new Set<string>();
  ctx.items.forEach((it, i) => {
    const key = String(Number(it.SlNo));
    if (seen.has(key)) out.error('2233', item(i, 'SlNo'), `Duplicate SI nos are not allowed in items: ${it.SlNo} appears more than once`);
    seen.add(key);
  });
}

/** 2176: every HSN/SAC code must be in the GST master. */
export function hsnInMaster(ctx: RuleContext, out: Findings): void {
  const master = ctx.opts.hsn;
  if (!master) {
    out.warn('2176', 'ItemList', 'HSN codes were not checked against the HSN master (none loaded)');
    return;
  }
  ctx.items.forEach((it, i) => {
    if (!master.has(it.HsnCd)) out.error('2176', item(i, 'HsnCd'), `Invalid HSN code(s)-${it.HsnCd}: not in the GST HSN/SAC master`);
  });
}

/** "Mismatch between HSN/SAC and Type of Supply": services carry SAC codes (99…), goods HSN codes. */
export function hsnMatchesServiceFlag(ctx: RuleContext, out: Findings): void {
  ctx.items.forEach((it, i) => {
    const sac = isSacCode(it.HsnCd);
    if (it.IsServc === 'Y' && !sac) {
      out.error('2199', item(i, 'HsnCd'), `Mismatch between HSN/SAC and Type of Supply: item ${it.SlNo} is a service but ${it.HsnCd} is a goods HSN (services use SAC codes starting 99)`);
    } else if (it.IsServc === 'N' && sac) {
      out.error('2199', item(i, 'IsServc'), `Mismatch between HSN/SAC and Type of Supply: ${it.HsnCd} is a SAC (service) code but item ${it.SlNo} is marked as goods`);
    }
  });
}

/** Sellers with AATO ≥ ₹5 Cr must use at least 6-digit HSN codes (from 15-Dec-2023). */
export function sixDigitHsnForLargeSellers(ctx: RuleContext, out: Findings): void {
  const aato = ctx.opts.seller?.aatoCrore;
  if ((aato !== undefined && aato < 5) || ctx.opts.today < SIX_DIGIT_HSN_FROM) return;
  ctx.items.forEach((it, i) => {
    if (it.HsnCd.length >= 6) return;
    const text = `6 digit HSN code is mandatory for taxpayers with greater than or equal to 5 Cr AATO: ${it.HsnCd} has ${it.HsnCd.length} digits`;
    // Not knowing the turnover, say what the IRP will do if it is ₹5 Cr or more (as 2305 does).
    if (aato === undefined) out.warn('2199', item(i, 'HsnCd'), `${text} (it applies if your AATO is ₹5 Cr or more; the turnover was not given)`);
    else out.error('2199', item(i, 'HsnCd'), text);
  });
}

/** 2238 / 2239 / 2177: goods need a quantity and a UQC unit; any unit given must be a UQC. */
export function goodsHaveQuantityAndUnit(ctx: RuleContext, out: Findings): void {
  ctx.items.forEach((it, i) => {
    const goods = it.IsServc === 'N';
    if (goods && typeof it.Qty !== 'number') out.error('2238', item(i, 'Qty'), `Quantity is required for HSN - ${it.HsnCd}`);
    if (typeof it.Unit === 'string' && it.Unit !== '') {
      if (!isUqc(it.Unit)) out.error('2177', item(i, 'Unit'), `Invalid item unit code(s)-${it.Unit}: use a UQC such as NOS, KGS, LTR, MTR, PCS, BOX`);
    } else if (goods) {
      out.error('2239', item(i, 'Unit'), `Unit is required for HSN - ${it.HsnCd}`);
    }
  });
}
