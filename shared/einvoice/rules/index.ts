/**
 * The business rules in the order the IRP applies them (masters, then arithmetic). Each names
 * the root sections it reads: when the schema already found those sections malformed, the rule
 * is skipped rather than reporting noise built on bad data.
 */
import * as arithmetic from './arithmetic';
import * as document from './document';
import * as items from './items';
import * as parties from './parties';
import * as taxHeads from './tax-heads';
import type { RuleContext } from './context';
import type { Findings } from '../violations';

export type Section = 'TranDtls' | 'DocDtls' | 'SellerDtls' | 'BuyerDtls' | 'DispDtls' | 'ShipDtls' | 'ItemList' | 'ValDtls' | 'RefDtls' | 'ExpDtls' | 'EwbDtls';

export interface Rule {
  name: string;
  needs: readonly Section[];
  run: (ctx: RuleContext, out: Findings) => void;
}

const PARTIES: readonly Section[] = ['TranDtls', 'SellerDtls', 'BuyerDtls', 'DispDtls', 'ShipDtls'];
const MONEY: readonly Section[] = ['TranDtls', 'DocDtls', 'SellerDtls', 'BuyerDtls', 'ItemList', 'ValDtls'];

export const RULES: readonly Rule[] = [
  { name: 'irnNotSent', needs: [], run: document.irnNotSent },
  { name: 'dateNotInFuture', needs: ['DocDtls'], run: document.dateNotInFuture },
  { name: 'dateAfterGoLive', needs: ['DocDtls'], run: document.dateAfterGoLive },
  { name: 'withinReportingWindow', needs: ['DocDtls'], run: document.withinReportingWindow },
  { name: 'dateAfterSellerStart', needs: ['DocDtls'], run: document.dateAfterSellerStart },
  { name: 'notesReferToOriginal', needs: ['DocDtls', 'RefDtls'], run: document.notesReferToOriginal },
  { name: 'ewayBillApplies', needs: ['DocDtls', 'ItemList', 'EwbDtls'], run: document.ewayBillApplies },
  { name: 'gstinsAreValid', needs: PARTIES, run: parties.gstinsAreValid },
  { name: 'gstinStateMatchesStateCode', needs: PARTIES, run: parties.gstinStateMatchesStateCode },
  { name: 'stateCodesKnown', needs: PARTIES, run: parties.stateCodesKnown },
  { name: 'pinsBelongToStates', needs: PARTIES, run: parties.pinsBelongToStates },
  { name: 'buyerPinRequired', needs: PARTIES, run: parties.buyerPinRequired },
  { name: 'sellerIsNotBuyer', needs: PARTIES, run: parties.sellerIsNotBuyer },
  { name: 'placeOfSupplyInIndia', needs: PARTIES, run: parties.placeOfSupplyInIndia },
  { name: 'exportParties', needs: [...PARTIES, 'ExpDtls'], run: parties.exportParties },
  { name: 'urpOnlyForExports', needs: PARTIES, run: parties.urpOnlyForExports },
  { name: 'ecommerceOperatorIsTcs', needs: PARTIES, run: parties.ecommerceOperatorIsTcs },
  { name: 'reverseChargeNotOnExports', needs: PARTIES, run: parties.reverseChargeNotOnExports },
  { name: 'shipToStateIsPos', needs: PARTIES, run: parties.shipToStateIsPos },
  { name: 'exportEwbNeedsIndianShipTo', needs: [...PARTIES, 'EwbDtls'], run: parties.exportEwbNeedsIndianShipTo },
  { name: 'partiesInTaxpayerMaster', needs: [...PARTIES, 'DocDtls'], run: parties.partiesInTaxpayerMaster },
  { name: 'serialNumbersUnique', needs: ['ItemList'], run: items.serialNumbersUnique },
  { name: 'hsnInMaster', needs: ['ItemList'], run: items.hsnInMaster },
  { name: 'hsnMatchesServiceFlag', needs: ['ItemList'], run: items.hsnMatchesServiceFlag },
  { name: 'sixDigitHsnForLargeSellers', needs: ['ItemList'], run: items.sixDigitHsnForLargeSellers },
  { name: 'goodsHaveQuantityAndUnit', needs: ['ItemList'], run: items.goodsHaveQuantityAndUnit },
  { name: 'gstRateAllowed', needs: ['ItemList'], run: taxHeads.gstRateAllowed },
  { name: 'noIgstOnIntraState', needs: MONEY, run: taxHeads.noIgstOnIntraState },
  { name: 'cgstSgstRequiredIntraState', needs: MONEY, run: taxHeads.cgstSgstRequiredIntraState },
  { name: 'noCgstSgstOutsideIntraState', needs: MONEY, run: taxHeads.noCgstSgstOutsideIntraState },
  { name: 'cgstEqualsSgst', needs: MONEY, run: taxHeads.cgstEqualsSgst },
  { name: 'igstOnIntraNeedsSameState', needs: MONEY, run: taxHeads.igstOnIntraNeedsSameState },
  { name: 'noGoodsServicesMixOnIgstOnIntra', needs: MONEY, run: taxHeads.noGoodsServicesMixOnIgstOnIntra },
  { name: 'totAmtEqualsQtyTimesPrice', needs: MONEY, run: arithmetic.totAmtEqualsQtyTimesPrice },
  { name: 'assAmtEqualsTotalLessDiscount', needs: MONEY, run: arithmetic.assAmtEqualsTotalLessDiscount },
  { name: 'taxAmountsMatchRate', needs: MONEY, run: arithmetic.taxAmountsMatchRate },
  { name: 'cessAmountsMatchRate', needs: MONEY, run: arithmetic.cessAmountsMatchRate },
  { name: 'itemTotalFoots', needs: MONEY, run: arithmetic.itemTotalFoots },
  { name: 'documentTotalsMatchItems', needs: MONEY, run: arithmetic.documentTotalsMatchItems },
  { name: 'invoiceTotalFoots', needs: MONEY, run: arithmetic.invoiceTotalFoots },
  { name: 'discountBelowTotal', needs: MONEY, run: arithmetic.discountBelowTotal },
];
