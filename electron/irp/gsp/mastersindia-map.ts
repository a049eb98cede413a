/**
 * INV-01 ↔ Masters India's snake_case invoice (gsp-and-portal.md §2.6). One table read both ways:
 * the connector maps our payload out, the practice IRP's Masters India front door maps it back, so
 * the two cannot drift apart. Group names are documented (H); the member names inside the item,
 * value, payment, reference and export groups are [inferred] from those groups and NIC's fields.
 * A member the table does not know is refused by name, never dropped: an invoice must reach the
 * IRP whole or not at all.
 */

interface Group {
  to: string;
  members: Readonly<Record<string, string | Group>>;
  array?: boolean;
}

const g = (to: string, members: Group['members'], array = false): Group => ({ to, members, ...(array ? { array } : {}) });

const PARTY = { Gstin: 'gstin', LglNm: 'legal_name', TrdNm: 'trade_name', Addr1: 'address1', Addr2: 'address2', Loc: 'location', Pin: 'pincode', Stcd: 'state_code' };

const INVOICE: Readonly<Record<string, string | Group>> = {
  TranDtls: g('transaction_details', { TaxSch: 'tax_scheme', SupTyp: 'supply_type', RegRev: 'charge_type', EcmGstin: 'ecommerce_gstin', IgstOnIntra: 'igst_on_intra' }),
  DocDtls: g('document_details', { Typ: 'document_type', No: 'document_number', Dt: 'document_date' }),
  SellerDtls: g('seller_details', { ...PARTY, Ph: 'phone_number', Em: 'email' }),
  BuyerDtls: g('buyer_details', { ...PARTY, Pos: 'place_of_supply', Ph: 'phone_number', Em: 'email' }),
  DispDtls: g('dispatch_details', { Nm: 'company_name', Addr1: 'address1', Addr2: 'address2', Loc: 'location', Pin: 'pincode', Stcd: 'state_code' }),
  ShipDtls: g('ship_details', PARTY),
  ItemList: g('item_list', {
    SlNo: 'item_serial_number', PrdDesc: 'product_description', IsServc: 'is_service', HsnCd: 'hsn_code', Barcde: 'bar_code',
    Qty: 'quantity', FreeQty: 'free_quantity', Unit: 'unit', UnitPrice: 'unit_price', TotAmt: 'total_amount', Discount: 'discount',
    PreTaxVal: 'pre_tax_value', AssAmt: 'assessable_value', GstRt: 'gst_rate', IgstAmt: 'igst_amount', CgstAmt: 'cgst_amount',
    SgstAmt: 'sgst_amount', CesRt: 'cess_rate', CesAmt: 'cess_amount', CesNonAdvlAmt: 'cess_nonadvol_amount', StateCesRt: 'state_cess_rate',
    StateCesAmt: 'state_cess_amount', StateCesNonAdvlAmt: 'state_cess_nonadvol_amount', OthChrg: 'other_charge', TotItemVal: 'total_item_value',
    OrdLineRef: 'order_line_reference', OrgCntry: 'origin_country', PrdSlNo: 'product_serial_number',
    BchDtls: g('batch_details', { Nm: 'name', ExpDt: 'expiry_date', WrDt: 'warranty_date' }),
    AttribDtls: g('attribute_details', { Nm: 'item_attribute_details', Val: 'item_attribute_value' }, true),
  }, true),
  ValDtls: g('value_details', {
    AssVal: 'total_assessable_value', CgstVal: 'total_cgst_value', SgstVal: 'total_sgst_value', IgstVal: 'total_igst_value',
    CesVal: 'total_cess_value', StCesVal: 'total_cess_value_of_state', Discount: 'total_discount', OthChrg: 'total_other_charge',
    RndOffAmt: 'round_off_amount', TotInvVal: 'total_invoice_value', TotInvValFc: 'total_invoice_value_additional_currency',
  }),
  PayDtls: g('payment_details', {
    Nm: 'payee_name', AccDet: 'bank_account_number', Mode: 'mode_of_payment', FinInsBr: 'ifsc_code', PayTerm: 'payment_term',
    PayInstr: 'payment_instruction', CrTrn: 'credit_transfer', DirDr: 'direct_debit', CrDay: 'credit_days', PaidAmt: 'paid_amount', PaymtDue: 'payment_due',
  }),
  RefDtls: g('reference_details', {
    InvRm: 'invoice_remarks',
    DocPerdDtls: g('document_period_details', { InvStDt: 'invoice_period_start_date', InvEndDt: 'invoice_period_end_date' }),
    PrecDocDtls: g('preceding_document_details', { InvNo: 'reference_of_original_invoice', InvDt: 'preceding_invoice_date', OthRefNo: 'other_reference' }, true),
    ContrDtls: g('contract_details', {
      RecAdvRefr: 'receipt_advice_number', RecAdvDt: 'receipt_advice_date', TendRefr: 'batch_reference_number', ContrRefr: 'contract_reference_number',
      ExtRefr: 'other_reference', ProjRefr: 'project_reference_number', PORefr: 'vendor_po_reference_number', PORefDt: 'vendor_po_reference_date',
    }, true),
  }),
  AddlDocDtls: g('additional_document_details', { Url: 'supporting_document_url', Docs: 'supporting_document', Info: 'additional_information' }, true),
  ExpDtls: g('export_details', { ShipBNo: 'ship_bill_number', ShipBDt: 'ship_bill_date', Port: 'port_code', RefClm: 'refund_claim', ForCur: 'foreign_currency', CntCode: 'country_code', ExpDuty: 'export_duty' }),
  EwbDtls: g('ewaybill_details', { TransId: 'transporter_id', TransName: 'transporter_name', TransMode: 'transportation_mode', Distance: 'transportation_distance', TransDocNo: 'transporter_document_number', TransDocDt: 'transporter_document_date', VehNo: 'vehicle_number', VehType: 'vehicle_type' }),
};

export class MappingError extends Error {
  override name = 'MappingError';
}

type Json = Record<string, unknown>;
type Direction = 'out' | 'back';

/** The table turned around once, for the way back. */
function reverse(members: Group['members']): Record<string, [string, string | Group]> {
  const out: Record<string, [string, string | Group]> = {};
  for (const [k, v] of Object.entries(members)) out[typeof v === 'string' ? v : v.to] = [k, v];
  return out;
}

function mapObject(value: unknown, members: Group['members'], dir: Direction, where: string): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MappingError(`${where} must be an object`);
  const table = dir === 'out' ? Object.fromEntries(Object.entries(members).map(([k, v]) => [k, [typeof v === 'string' ? v : v.to, v] as [string, string | Group]])) : reverse(members);
  const out: Json = {};
  for (const [key, v] of Object.entries(value as Json)) {
    if (v === null || v === undefined) continue;
    const entry = table[key];
    if (!entry) throw new MappingError(`${where}.${key} has no Masters India field: the invoice cannot be sent through Masters India as it is`);
    const [name, spec] = entry;
    out[name] = typeof spec === 'string' ? v : mapGroup(v, spec, dir, `${where}.${key}`);
  }
  return out;
}

function mapGroup(v: unknown, spec: Group, dir: Direction, where: string): unknown {
  if (!spec.array) return mapObject(v, spec.members, dir, where);
  if (!Array.isArray(v)) throw new MappingError(`${where} must be a list`);
  return v.map((item, i) => mapObject(item, spec.members, dir, `${where}[${i}]`));
}

/** INV-01 → Masters India (without the token and user_gstin, which the connector adds). */
export function toMastersIndia(inv: unknown): Json {
  const { Version: _version, ...rest } = (inv ?? {}) as Json;
  return mapObject(rest, INVOICE, 'out', 'invoice');
}

/** Masters India → INV-01 (the practice front door); members outside the invoice groups are ignored. */
export function fromMastersIndia(mi: unknown): Json {
  const groups = new Set(Object.values(INVOICE).map((v) => (typeof v === 'string' ? v : v.to)));
  const only = Object.fromEntries(Object.entries((mi ?? {}) as Json).filter(([k]) => groups.has(k)));
  return { Version: '1.1', ...mapObject(only, INVOICE, 'back', 'invoice') };
}
