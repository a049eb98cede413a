/**
 * The IRP's arithmetic checks (irp-protocol.md §6.1), each with the ₹1 tolerance of
 * `withinTolerance`. Amounts are compared in integer paise.
 */
import { divRound, mulDivRound, toMilli } from '../../money';
import type { Findings } from '../violations';
import { rupees, withinTolerance, type RuleContext } from './context';

const item = (i: number, field: string) => `ItemList[${i}].${field}`;
const hsnOf = (ctx: RuleContext, i: number) => ctx.items[i]?.HsnCd ?? '';

/** Value × rate% in paise; rate as a JSON number with up to 3 decimals. */
export function percentOf(paise: number, ratePercent: number, halve = false): number {
  return mulDivRound(paise, Math.round(ratePercent * 1000), halve ? 200_000 : 100_000);
}

/** 2192: TotAmt = Qty × UnitPrice. NIC "temporarily withdrew" it, so it warns unless enforced. */
export function totAmtEqualsQtyTimesPrice(ctx: RuleContext, out: Findings): void {
  ctx.items.forEach((it, i) => {
    if (typeof it.Qty !== 'number' || typeof it.UnitPrice !== 'number') return;
    const calc = divRound(BigInt(toMilli(it.Qty)) * BigInt(Math.round(it.UnitPrice * 1000)), 10_000);
    const passed = ctx.itemPaise[i]?.tot ?? 0;
    if (withinTolerance(passed, calc)) return;
    const message = `TotAmt value should be equal to (Qty * UnitPrice) for HSN ${hsnOf(ctx, i)}: expected ${rupees(calc)}, got ${rupees(passed)}`;
    if (ctx.opts.enforceTotAmt) out.error('2192', item(i, 'TotAmt'), message);
    else out.warn('2192', item(i, 'TotAmt'), message);
  });
}

/** 2193: AssAmt = TotAmt − Discount. */
export function assAmtEqualsTotalLessDiscount(ctx: RuleContext, out: Findings): void {
  ctx.itemPaise.forEach((m, i) => {
    const calc = m.tot - m.discount;
    if (!withinTolerance(m.ass, calc)) {
      out.error('2193', item(i, 'AssAmt'), `AssAmt value should be equal to (TotAmt - Discount) for HSN - ${hsnOf(ctx, i)} and Sl. No - ${ctx.items[i]?.SlNo ?? ''}: expected ${rupees(calc)}, got ${rupees(m.ass)}`);
    }
  });
}

/** 2234 / 2235: tax amounts = taxable value × rate (not checked for notes, nor for IGST 0 on WOP supplies). */
export function taxAmountsMatchRate(ctx: RuleContext, out: Findings): void {
  if (ctx.isNote) return;
  const withoutPayment = ctx.supTyp === 'EXPWOP' || ctx.supTyp === 'SEZWOP';
  ctx.items.forEach((it, i) => {
    const m = ctx.itemPaise[i];
    if (!m) return;
    if (ctx.intra) {
      const half = percentOf(m.ass, it.GstRt, true);
      if (!withinTolerance(m.cgst, half) || !withinTolerance(m.sgst, half)) {
        out.error('2234', item(i, m.cgst === m.sgst ? 'CgstAmt' : 'SgstAmt'), `Invalid SGST and CGST Amounts for HSN - ${hsnOf(ctx, i)}: each should be ${rupees(half)} (${it.GstRt / 2}% of ${rupees(m.ass)})`);
      }
    } else {
      if (withoutPayment && m.igst === 0) return;
      const calc = percentOf(m.ass, it.GstRt);
      if (!withinTolerance(m.igst, calc)) {
        out.error('2235', item(i, 'IgstAmt'), `IGST amount given with HSN -${hsnOf(ctx, i)} is Invalid: should be ${rupees(calc)} (${it.GstRt}% of ${rupees(m.ass)}), got ${rupees(m.igst)}`);
      }
    }
  });
}

/** 2266 / 2267: cess and state cess = taxable value × their rates. */
export function cessAmountsMatchRate(ctx: RuleContext, out: Findings): void {
  if (ctx.isNote) return;
  ctx.items.forEach((it, i) => {
    const m = ctx.itemPaise[i];
    if (!m) return;
    const cess = percentOf(m.ass, it.CesRt ?? 0);
    if (!withinTolerance(m.cess, cess)) {
      out.error('2266', item(i, 'CesAmt'), `Cess amount given with HSN -${hsnOf(ctx, i)} is invalid: should be ${rupees(cess)}`);
    }
    const stateCess = percentOf(m.ass, it.StateCesRt ?? 0);
    if (!withinTolerance(m.stateCess, stateCess)) {
      out.error('2267', item(i, 'StateCesAmt'), `State Cess amount given with HSN -${hsnOf(ctx, i)} is Invalid: should be ${rupees(stateCess)}`);
    }
  });
}

/** 2194: TotItemVal = AssAmt + taxes + cesses + OthChrg (with or without tax for reverse charge and EXPWP). */
export function itemTotalFoots(ctx: RuleContext, out: Findings): void {
  const taxOptional = ctx.reverseCharge || ctx.supTyp === 'EXPWP';
  ctx.itemPaise.forEach((m, i) => {
    const taxes = m.igst + m.cgst + m.sgst + m.cess + m.cessNonAdvl + m.stateCess + m.stateCessNonAdvl;
    const withTax = m.ass + taxes + m.other;
    const ok = withinTolerance(m.total, withTax) || (taxOptional && withinTolerance(m.total, m.ass + m.other));
    if (!ok) {
      out.error('2194', item(i, 'TotItemVal'), `Invalid total item value for HSN - ${hsnOf(ctx, i)}: expected ${rupees(withTax)}, got ${rupees(m.total)}`);
    }
  });
}

interface SumCheck {
  code: string;
  field: 'AssVal' | 'CgstVal' | 'SgstVal' | 'IgstVal' | 'CesVal' | 'StCesVal';
  what: string;
  pick: (m: RuleContext['itemPaise'][number]) => number;
}

const SUMS: readonly SumCheck[] = [
  { code: '2182', field: 'AssVal', what: 'Taxable value', pick: (m) => m.ass },
  { code: '2183', field: 'SgstVal', what: 'SGST value', pick: (m) => m.sgst },
  { code: '2184', field: 'CgstVal', what: 'CGST value', pick: (m) => m.cgst },
  { code: '2185', field: 'IgstVal', what: 'IGST value', pick: (m) => m.igst },
  { code: '2186', field: 'CesVal', what: 'Cess value', pick: (m) => m.cess + m.cessNonAdvl },
  { code: '2187', field: 'StCesVal', what: 'State Cess Value', pick: (m) => m.stateCess + m.stateCessNonAdvl },
];

/** 2182-2187: each document total equals the sum of its item amounts. */
export function documentTotalsMatchItems(ctx: RuleContext, out: Findings): void {
  const val = ctx.inv.ValDtls;
  for (const s of SUMS) {
    const sum = ctx.itemPaise.reduce((acc, m) => acc + s.pick(m), 0);
    const given = val[s.field];
    const passed = typeof given === 'number' ? Math.round(given * 100) : 0;
    if (!withinTolerance(passed, sum)) {
      out.error(s.code, `ValDtls.${s.field}`, `${s.what} of all items must be equal to total ${s.what}: items add up to ${rupees(sum)}, ValDtls.${s.field} is ${rupees(passed)}`);
    }
  }
}

function p(x: number | null | undefined): number {
  return typeof x === 'number' ? Math.round(x * 100) : 0;
}

/** 2189: TotInvVal = Σ TotItemVal − Discount + OthChrg + RndOffAmt. */
export function invoiceTotalFoots(ctx: RuleContext, out: Findings): void {
  const v = ctx.inv.ValDtls;
  const items = ctx.itemPaise.reduce((acc, m) => acc + m.total, 0);
  const calc = items - p(v.Discount) + p(v.OthChrg) + p(v.RndOffAmt);
  const passed = p(v.TotInvVal);
  if (!withinTolerance(passed, calc)) {
    out.error('2189', 'ValDtls.TotInvVal', `Invalid total Invoice Value: items ${rupees(items)} − discount ${rupees(p(v.Discount))} + other charges ${rupees(p(v.OthChrg))} + round-off ${rupees(p(v.RndOffAmt))} = ${rupees(calc)}, got ${rupees(passed)}`);
  }
}

/** 2220: an invoice-level discount must be less than the invoice total. */
export function discountBelowTotal(ctx: RuleContext, out: Findings): void {
  const v = ctx.inv.ValDtls;
  const discount = Math.round((v.Discount ?? 0) * 100);
  if (discount > 0 && discount >= Math.round(v.TotInvVal * 100)) {
    out.error('2220', 'ValDtls.Discount', `Total discount value cannot be greater than or equal total invoice value (${rupees(discount)} ≥ ${rupees(Math.round(v.TotInvVal * 100))})`);
  }
}
