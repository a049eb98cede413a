/** Seller, buyer, dispatch and ship-to rules: GSTINs, states, PINs, exports, SEZ (§6.5). */
import { daysBetween } from '../../dates';
import { GSTIN_SCHEMA_PATTERN, isNicSandboxTestGstin, isTcsGstin, isValidGstin } from '../../gst/gstin';
import { FOREIGN_PIN, pinBelongsToState, pinExists } from '../../gst/pin';
import { OTHER_COUNTRY, isIndianState, isKnownStateCode, normaliseStateCode, sameState, stateName } from '../../gst/states';
import type { Findings } from '../violations';
import type { RuleContext, TaxpayerInfo } from './context';

const URP = 'URP';

function checkGstin(ctx: RuleContext, out: Findings, gstin: string | null | undefined, path: string, who: string): void {
  if (typeof gstin !== 'string' || gstin === URP || !GSTIN_SCHEMA_PATTERN.test(gstin)) return;
  if (isValidGstin(gstin)) return;
  const message = `${who} GSTIN ${gstin} is invalid: its structure or check digit (last character) is wrong`;
  if (ctx.opts.profile === 'sandbox' && isNicSandboxTestGstin(gstin)) {
    out.warn('3028', path, `${message}; accepted because it is an NIC sandbox test GSTIN`);
  } else {
    // The sandbox and the practice IRP check GSTINs against their taxpayer master rather than the
    // digit; a GSTIN whose check digit is wrong is in no master but NIC's published test ones, so
    // they refuse it with 3028 all the same (issue 17: the editor said "no problems" here).
    out.error('3028', path, message);
  }
}

/** 3028: a GSTIN must be structurally valid with a correct check digit (sandbox: NIC test GSTINs warn). */
export function gstinsAreValid(ctx: RuleContext, out: Findings): void {
  checkGstin(ctx, out, ctx.inv.SellerDtls.Gstin, 'SellerDtls.Gstin', 'Seller');
  checkGstin(ctx, out, ctx.inv.BuyerDtls.Gstin, 'BuyerDtls.Gstin', 'Buyer');
  checkGstin(ctx, out, ctx.inv.ShipDtls?.Gstin, 'ShipDtls.Gstin', 'Ship-to');
  checkGstin(ctx, out, ctx.inv.TranDtls.EcmGstin, 'TranDtls.EcmGstin', 'E-commerce operator');
}

/** 2258 / 2265: the first two digits of a GSTIN are the party's state code. */
export function gstinStateMatchesStateCode(ctx: RuleContext, out: Findings): void {
  const s = ctx.inv.SellerDtls;
  if (!sameState(s.Gstin.slice(0, 2), s.Stcd)) {
    out.error('2258', 'SellerDtls.Stcd', `Supplier GSTIN state code should be same as the state code passed in supplier details: GSTIN ${s.Gstin} is from state ${s.Gstin.slice(0, 2)}, Stcd is ${s.Stcd}`);
  }
  const b = ctx.inv.BuyerDtls;
  if (b.Gstin !== URP && !sameState(b.Gstin.slice(0, 2), b.Stcd)) {
    out.error('2265', 'BuyerDtls.Stcd', `Recipient GSTIN state code should be same as the state code passed in recipient details: GSTIN ${b.Gstin} is from state ${b.Gstin.slice(0, 2)}, Stcd is ${b.Stcd}`);
  }
}

/** 2259 / 2260 / 2200: state codes must be in the state master (seller inside India). */
export function stateCodesKnown(ctx: RuleContext, out: Findings): void {
  if (!isIndianState(ctx.inv.SellerDtls.Stcd)) {
    out.error('2259', 'SellerDtls.Stcd', `Invalid supplier state code ${ctx.inv.SellerDtls.Stcd}`);
  }
  if (!isKnownStateCode(ctx.inv.BuyerDtls.Stcd)) {
    out.error('2260', 'BuyerDtls.Stcd', `Invalid recipient state code ${ctx.inv.BuyerDtls.Stcd}`);
  }
  for (const key of ['DispDtls', 'ShipDtls'] as const) {
    const party = ctx.inv[key];
    if (party && !isKnownStateCode(party.Stcd)) {
      out.error('2200', `${key}.Stcd`, `Invalid state code ${party.Stcd} in dispatch details or ship details`);
    }
  }
}

/** How NIC names each party at the start of its PIN messages (irp-protocol.md §6.5, §8.1). */
type Party = 'Seller' | 'Buyer' | 'Dispatch' | 'Ship';

/**
 * 3038 / 3039, as NIC's production IRP answers today (recorded 2023-2024, irp-protocol.md §6.5):
 *   3038 "Seller details Details:Pincode-101301 does not exists"       a PIN no state has
 *   3039 "Seller Details:Pincode-560009 does not belong to the state-1" a PIN of another state
 * NIC's text first (the state as a plain number, the party named), then what to fix. 2178 ("PIN
 * code does not belong to the state") is the 2020 error list's code for the second case; no
 * current NIC answer uses it, so the validator no longer gives it (docs/practice-irp.md).
 */
function checkPin(out: Findings, pin: number | null | undefined, stcd: string, path: string, party: Party): void {
  if (typeof pin !== 'number' || !isKnownStateCode(stcd)) return;
  const state = normaliseStateCode(stcd) ?? stcd;
  const abroad = state === OTHER_COUNTRY;
  if (!abroad && !pinExists(pin)) {
    out.error('3038', path, `${party} details Details:Pincode-${pin} does not exists: ${pin} is not a PIN code of any state; check the ${party.toLowerCase()} address`);
    return;
  }
  if (!pinBelongsToState(pin, stcd)) {
    const fix = abroad ? `an address outside India (state 96) takes PIN ${FOREIGN_PIN}` : `${pin} is not a PIN of ${stateName(stcd) ?? `state ${state}`}; check the PIN and the state`;
    out.error('3039', path, `${party} Details:Pincode-${pin} does not belong to the state-${Number(state)}: ${fix}`);
  }
}

/** 3038 / 3039: each PIN must exist and belong to its party's state (first-three-digit ranges of the master). */
export function pinsBelongToStates(ctx: RuleContext, out: Findings): void {
  checkPin(out, ctx.inv.SellerDtls.Pin, ctx.inv.SellerDtls.Stcd, 'SellerDtls.Pin', 'Seller');
  checkPin(out, ctx.inv.BuyerDtls.Pin, ctx.inv.BuyerDtls.Stcd, 'BuyerDtls.Pin', 'Buyer');
  if (ctx.inv.DispDtls) checkPin(out, ctx.inv.DispDtls.Pin, ctx.inv.DispDtls.Stcd, 'DispDtls.Pin', 'Dispatch');
  if (ctx.inv.ShipDtls) checkPin(out, ctx.inv.ShipDtls.Pin, ctx.inv.ShipDtls.Stcd, 'ShipDtls.Pin', 'Ship');
}

/** 2244: the recipient PIN is mandatory except for exports. */
export function buyerPinRequired(ctx: RuleContext, out: Findings): void {
  if (!ctx.isExport && typeof ctx.inv.BuyerDtls.Pin !== 'number') {
    out.error('2244', 'BuyerDtls.Pin', `Recipient PIN code is mandatory for transaction -${ctx.supTyp}`);
  }
}

/** 2211: a supplier cannot invoice itself. */
export function sellerIsNotBuyer(ctx: RuleContext, out: Findings): void {
  if (ctx.inv.SellerDtls.Gstin === ctx.inv.BuyerDtls.Gstin) {
    out.error('2211', 'BuyerDtls.Gstin', 'Supplier and recipient GSTIN should not be the same.');
  }
}

/** 2243 / 2242: domestic supplies (B2B, SEZ, deemed export) need an Indian place of supply. */
export function placeOfSupplyInIndia(ctx: RuleContext, out: Findings): void {
  if (ctx.isExport) return;
  if (ctx.pos === OTHER_COUNTRY) {
    out.error('2242', 'BuyerDtls.Pos', `Recipient POS should not be Other Country(code -96) incase of transaction type ${ctx.supTyp}`);
  } else if (!isIndianState(ctx.pos)) {
    out.error('2243', 'BuyerDtls.Pos', `POS should be valid state for ${ctx.supTyp} transaction (got ${ctx.inv.BuyerDtls.Pos})`);
  }
}

/** Exports: URP buyer in country 96, POS 96, export details with a country (2248, 2232, 2261, 2208, 2202). */
export function exportParties(ctx: RuleContext, out: Findings): void {
  if (!ctx.isExport) return;
  const b = ctx.inv.BuyerDtls;
  if (b.Gstin !== URP) out.error('2248', 'BuyerDtls.Gstin', 'Recipient has to be URP in case of export transactions');
  if (ctx.pos !== OTHER_COUNTRY) out.error('2232', 'BuyerDtls.Pos', `POS should be other country(code: 96 ) for ${ctx.supTyp} transaction`);
  if (normaliseStateCode(b.Stcd) !== OTHER_COUNTRY) out.error('2261', 'BuyerDtls.Stcd', `Recipient state code should be other country(code: 96 ) for ${ctx.supTyp} transaction`);
  // A PIN other than 999999 for a buyer in state 96 is pinsBelongToStates' 3039.
  if (!ctx.inv.ExpDtls) out.error('2208', 'ExpDtls', 'Export details are required');
  else if (!ctx.inv.ExpDtls.CntCode) out.error('2202', 'ExpDtls.CntCode', 'Country code is mandatory for exports (EXPWP/EXPWOP)');
}

/** 2212 / 2171: only exports may bill an unregistered person (URP). */
export function urpOnlyForExports(ctx: RuleContext, out: Findings): void {
  if (ctx.isExport || ctx.inv.BuyerDtls.Gstin !== URP) return;
  if (ctx.supTyp === 'DEXP') out.error('2171', 'BuyerDtls.Gstin', 'The recipient GSTIN cannot be URP, in case of Deemed Export transaction');
  else out.error('2212', 'BuyerDtls.Gstin', `The recipient GSTIN cannot be URP for supply type ${ctx.supTyp}`);
}

/** 2195: the e-commerce operator must hold a TCS registration. */
export function ecommerceOperatorIsTcs(ctx: RuleContext, out: Findings): void {
  const ecm = ctx.inv.TranDtls.EcmGstin;
  if (typeof ecm === 'string' && ecm !== '' && !isTcsGstin(ecm) && !(ctx.opts.profile === 'sandbox' && isNicSandboxTestGstin(ecm))) {
    out.error('2195', 'TranDtls.EcmGstin', `e-Commerce Gstin should be TCS (its 14th character is C): ${ecm}`);
  }
}

/** 2162: reverse charge does not apply to exports. */
export function reverseChargeNotOnExports(ctx: RuleContext, out: Findings): void {
  if (ctx.reverseCharge && ctx.isExport) {
    out.error('2162', 'TranDtls.RegRev', 'Reverse Charge is applicable only for B2B invoices (not exports)');
  }
}

/** 2245 (2020 rule, kept as a warning): on B2B the ship-to state is usually the place of supply. */
export function shipToStateIsPos(ctx: RuleContext, out: Findings): void {
  const ship = ctx.inv.ShipDtls;
  if (ctx.supTyp === 'B2B' && ship && !sameState(ship.Stcd, ctx.pos)) {
    out.warn('2245', 'ShipDtls.Stcd', `ShipTo state code should be same as POS for B2B transaction (ship-to ${ship.Stcd}, POS ${ctx.pos}); check the place of supply`);
  }
}

/** 2236 (warning): an export with an e-way bill needs the Indian port/place of exit as ship-to. */
export function exportEwbNeedsIndianShipTo(ctx: RuleContext, out: Findings): void {
  if (!ctx.isExport || !ctx.inv.EwbDtls) return;
  const ship = ctx.inv.ShipDtls;
  if (!ship || normaliseStateCode(ship.Stcd) === OTHER_COUNTRY || ship.Pin === FOREIGN_PIN) {
    out.warn('2236', 'ShipDtls', "In case of export transactions, the 'Ship-To' address should be of the place or port from where the goods are being exported; the e-way bill will fail without it");
  }
}

function statusProblem(info: TaxpayerInfo, docDate: string | undefined): { code: string; text: string } | undefined {
  const g = info.gstin;
  if (info.status === 'INA') return { code: '3076', text: `GSTIN - ${g} is inactive` };
  if (info.status === 'SUS') return { code: '3029', text: `GSTIN ${g} is inactive or cancelled (suspended)` };
  if (info.status === 'CNL') {
    if (!info.deregisteredOn) return { code: '3075', text: `GSTIN- ${g} is cancelled and de-registration date is not available` };
    if (!info.registeredOn) return { code: '3078', text: `GSTIN- ${g} is cancelled and registration date is not available` };
    if (docDate && daysBetween(info.deregisteredOn, docDate) > 0) {
      return { code: '3074', text: `GSTIN - ${g} is cancelled and document date - ${docDate} is later than de-registration date ${info.deregisteredOn}` };
    }
    if (docDate && daysBetween(docDate, info.registeredOn) > 0) {
      return { code: '3077', text: `GSTIN - ${g} is cancelled and document date - ${docDate} is earlier than registration date ${info.registeredOn}` };
    }
    return undefined;
  }
  if (info.registeredOn && docDate && daysBetween(docDate, info.registeredOn) > 0) {
    return { code: '3079', text: `For active GSTINs the document date should not be earlier than registration date (${g} registered on ${info.registeredOn})` };
  }
  return undefined;
}

/**
 * 3028 / 3029 / 3074-3079 and SEZ typing (2231, 2246, 2247): only with a GSTIN master
 * (the practice IRP's, or the ledger's cached lookups).
 */
export function partiesInTaxpayerMaster(ctx: RuleContext, out: Findings): void {
  const lookup = ctx.opts.taxpayers;
  if (!lookup) return;
  const seller = lookup(ctx.inv.SellerDtls.Gstin);
  if (seller?.txpType === 'SEZ') {
    out.error('2231', 'SellerDtls.Gstin', `Cannot generate e-Invoice as the supplier GSTIN - ${seller.gstin} is SEZ`);
  }
  const parties: Array<[string | null | undefined, string]> = [
    [ctx.inv.SellerDtls.Gstin, 'SellerDtls.Gstin'],
    [ctx.inv.BuyerDtls.Gstin, 'BuyerDtls.Gstin'],
    [ctx.inv.ShipDtls?.Gstin, 'ShipDtls.Gstin'],
  ];
  for (const [gstin, path] of parties) {
    if (!gstin || gstin === URP) continue;
    // already refused for its check digit: the master cannot know it either, one 3028 is enough
    if (out.errors.some((e) => e.code === '3028' && e.path === path)) continue;
    const info = path === 'SellerDtls.Gstin' ? seller : lookup(gstin);
    if (!info) {
      out.error('3028', path, `GSTIN is invalid: ${gstin} is not registered in the GSTIN master`);
      continue;
    }
    const problem = statusProblem(info, ctx.docDate);
    if (problem) out.error(problem.code, path, problem.text);
  }
  const buyer = ctx.inv.BuyerDtls.Gstin === URP ? undefined : lookup(ctx.inv.BuyerDtls.Gstin);
  if (!buyer) return;
  if (ctx.isSez && buyer.txpType !== 'SEZ') {
    out.error('2247', 'BuyerDtls.Gstin', `Recipient should be SEZ for transaction ${ctx.supTyp}`);
  }
  if (ctx.supTyp === 'B2B' && buyer.txpType === 'SEZ') {
    out.error('2246', 'TranDtls.SupTyp', `Recipient cannot be SEZ for - ${ctx.supTyp} transaction; use SEZWP or SEZWOP`);
  }
}
