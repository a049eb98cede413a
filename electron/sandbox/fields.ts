/**
 * NIC's member order for INV-01 objects as the IRP re-serialises them inside SignedInvoice
 * (irp-protocol.md §7.2, checked against the real NIC tokens in the team kit's
 * fixtures/nic-sandbox-exchanges.json: SellerDtls Gstin,LglNm,TrdNm,Addr1,Loc,Pin,Stcd; items
 * ItemNo,SlNo,IsServc,PrdDesc,HsnCd,Qty,Unit,UnitPrice,...; ValDtls AssVal,CgstVal,SgstVal,...;
 * EwbDtls TransMode,Distance,VehNo,VehType), and the spelling every known member name binds to.
 */
import { ROOT_ORDER } from '../../shared/einvoice/schema';

export interface Model {
  readonly members: ReadonlyArray<readonly [string, Model | undefined, boolean]>;
}

/** One entry per member: `name`, or [name, model] for an object, or [name, model, true] for a list of objects. */
type Spec = string | readonly [string, Model] | readonly [string, Model, true];

function model(...specs: Spec[]): Model {
  return {
    members: specs.map((s) => (typeof s === 'string' ? [s, undefined, false] as const : [s[0], s[1], s[2] === true] as const)),
  };
}

const PARTY_ADDRESS = ['Addr1', 'Addr2', 'Loc', 'Pin', 'Stcd'] as const;

export const ITEM_MODEL = model(
  'ItemNo', 'SlNo', 'IsServc', 'PrdDesc', 'HsnCd', 'Barcde', 'Qty', 'FreeQty', 'Unit', 'UnitPrice', 'TotAmt',
  'Discount', 'PreTaxVal', 'AssAmt', 'GstRt', 'IgstAmt', 'CgstAmt', 'SgstAmt', 'CesRt', 'CesAmt', 'CesNonAdvlAmt',
  'StateCesRt', 'StateCesAmt', 'StateCesNonAdvlAmt', 'OthChrg', 'TotItemVal', 'OrdLineRef', 'OrgCntry', 'PrdSlNo',
  ['BchDtls', model('Nm', 'ExpDt', 'WrDt')],
  ['AttribDtls', model('Nm', 'Val'), true],
);

const SECTIONS: Readonly<Record<(typeof ROOT_ORDER)[number], Model | 'list-of-items' | undefined>> = {
  Version: undefined,
  TranDtls: model('TaxSch', 'SupTyp', 'RegRev', 'EcmGstin', 'IgstOnIntra'),
  DocDtls: model('Typ', 'No', 'Dt'),
  SellerDtls: model('Gstin', 'LglNm', 'TrdNm', ...PARTY_ADDRESS, 'Ph', 'Em'),
  BuyerDtls: model('Gstin', 'LglNm', 'TrdNm', 'Pos', ...PARTY_ADDRESS, 'Ph', 'Em'),
  DispDtls: model('Nm', ...PARTY_ADDRESS),
  ShipDtls: model('Gstin', 'LglNm', 'TrdNm', ...PARTY_ADDRESS),
  ItemList: 'list-of-items',
  ValDtls: model('AssVal', 'CgstVal', 'SgstVal', 'IgstVal', 'CesVal', 'StCesVal', 'Discount', 'OthChrg', 'RndOffAmt', 'TotInvVal', 'TotInvValFc'),
  PayDtls: model('Nm', 'AccDet', 'Mode', 'FinInsBr', 'PayTerm', 'PayInstr', 'CrTrn', 'DirDr', 'CrDay', 'PaidAmt', 'PaymtDue'),
  RefDtls: model(
    'InvRm',
    ['DocPerdDtls', model('InvStDt', 'InvEndDt')],
    ['PrecDocDtls', model('InvNo', 'InvDt', 'OthRefNo'), true],
    ['ContrDtls', model('RecAdvRefr', 'RecAdvDt', 'TendRefr', 'ContrRefr', 'ExtRefr', 'ProjRefr', 'PORefr', 'PORefDt'), true],
  ),
  AddlDocDtls: undefined,
  ExpDtls: model('ShipBNo', 'ShipBDt', 'Port', 'RefClm', 'ForCur', 'CntCode', 'ExpDuty'),
  EwbDtls: model('TransId', 'TransName', 'TransMode', 'Distance', 'TransDocNo', 'TransDocDt', 'VehNo', 'VehType'),
};

const ADDL_DOC_MODEL = model('Url', 'Docs', 'Info');

export const INVOICE_MODEL: Model = {
  members: ROOT_ORDER.map((name) => {
    const s = SECTIONS[name];
    if (s === 'list-of-items') return [name, ITEM_MODEL, true] as const;
    if (name === 'AddlDocDtls') return [name, ADDL_DOC_MODEL, true] as const;
    return [name, s, false] as const;
  }),
};

/** Names of the other request bodies (auth, cancel, e-way bill, cancel e-way bill). */
const OTHER_NAMES = [
  'UserName', 'Password', 'AppKey', 'ForceRefreshAccessToken', 'Irn', 'CnlRsn', 'CnlRem', 'Distance', 'TransMode',
  'TransId', 'TransName', 'TransDocNo', 'TransDocDt', 'VehNo', 'VehType', 'ExpShipDtls', 'DispDtls', 'Nm', 'Addr1',
  'Addr2', 'Loc', 'Pin', 'Stcd', 'ewbNo', 'cancelRsnCode', 'cancelRmrk',
];

function collect(m: Model, into: Map<string, string>): void {
  for (const [name, sub] of m.members) {
    into.set(name.toLowerCase(), name);
    if (sub) collect(sub, into);
  }
}

/** lower-case member name → NIC's spelling, for every member the practice IRP binds. */
export const CANONICAL_NAMES: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>();
  collect(INVOICE_MODEL, map);
  for (const n of OTHER_NAMES) map.set(n.toLowerCase(), n);
  return map;
})();
